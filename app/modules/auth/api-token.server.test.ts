import { beforeAll, describe, expect, it } from "vitest";
import { userByEmail } from "~/modules/seed/drive.server";
import { seedUsers } from "~/test/fixtures";
import { now, setClock } from "~/utils/clock";
import { db } from "~/utils/db.server";
import { createApiToken, listApiTokens, revokeApiToken, signOutApiToken } from "./api-token.server";
import { createApiTokenSchema } from "./auth.schema";
import { getUser, type CurrentUser } from "./session.server";

let officer: CurrentUser;
beforeAll(async () => {
  await seedUsers();
  officer = await userByEmail("officer@mohw.go.kr");
});

const DAY = 24 * 60 * 60 * 1000;
const withBearer = (token: string, method = "GET") =>
  new Request("http://localhost/api/v1/requests", { method, headers: { Authorization: `Bearer ${token}` } });

describe("API tokens", () => {
  it("expire after 90 days unless told otherwise, and at most after 365", async () => {
    expect(createApiTokenSchema.parse({ name: "ci" }).expiresInDays).toBe(90);
    expect(createApiTokenSchema.safeParse({ name: "ci", expiresInDays: 366 }).success).toBe(false);
    expect(createApiTokenSchema.safeParse({ name: "ci", expiresInDays: 0 }).success).toBe(false);

    const created = await createApiToken({ user: officer, name: "ci", expiresInDays: 90 });
    expect(created.expiresAt!.getTime() - now().getTime()).toBeGreaterThan(89 * DAY);
    expect((await getUser(withBearer(created.token)))?.id).toBe(officer.id);

    const restore = setClock(() => created.expiresAt!.getTime() + 1000);
    try {
      expect(await getUser(withBearer(created.token))).toBeNull();
      expect((await listApiTokens({ user: officer })).map((t) => t.id)).not.toContain(created.id);
    } finally {
      restore();
    }
  });

  it("a token made before tokens expired (no expiry stored) is refused", async () => {
    const created = await createApiToken({ user: officer, name: "legacy", expiresInDays: 30 });
    await db.apiToken.update({ where: { id: created.id }, data: { expiresAt: null } });
    expect(await getUser(withBearer(created.token))).toBeNull();
  });

  it("revoking ends the token at once; only the owner can revoke it; both are audit events", async () => {
    const created = await createApiToken({ user: officer, name: "script", expiresInDays: 7 });
    await revokeApiToken({ user: await userByEmail("officer@mnd.go.kr"), tokenId: created.id });
    expect(await getUser(withBearer(created.token))).not.toBeNull();
    await revokeApiToken({ user: officer, tokenId: created.id });
    expect(await getUser(withBearer(created.token))).toBeNull();
    const events = await db.auditEvent.findMany({
      where: { type: { in: ["TOKEN_CREATED", "TOKEN_REVOKED"] }, payload: { contains: created.id } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([
      ["TOKEN_CREATED", officer.id],
      ["TOKEN_REVOKED", officer.id],
    ]);
    expect(events.map((e) => e.payload).join()).not.toContain(created.token);
  });

  it("signing out with a token ends that token", async () => {
    const created = await createApiToken({ user: officer, name: "bot", expiresInDays: 7 });
    expect(await signOutApiToken(withBearer(created.token, "DELETE"))).toBe(true);
    expect(await getUser(withBearer(created.token))).toBeNull();
  });
});
