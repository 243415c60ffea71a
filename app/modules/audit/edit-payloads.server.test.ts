import { beforeAll, describe, expect, it } from "vitest";
import { seedUsers } from "~/test/fixtures";
import { savePlan } from "~/modules/plans/plans.server";
import { createTranche, deleteTranche, setPoolTotal, updateTranche } from "~/modules/pool/tranches.server";
import { createRequest, sendRequestEvent, updateRequest } from "~/modules/requests/requests.server";
import { demoPlan, driveRequestToApproved, fileAndSubmit, send, SECRETARIAT_EMAIL, userByEmail } from "~/modules/seed/drive.server";
import { db } from "~/utils/db.server";
import { appendAuditEvent, verifyAuditChain } from "./audit.server";
import { checkAuditPayload, fieldChanges, parseAuditEvent, parseAuditPayload } from "./payloads";

type User = Awaited<ReturnType<typeof userByEmail>>;
let officer: User;
let secretariat: User;
let admin: User;

beforeAll(async () => {
  await seedUsers();
  [officer, secretariat, admin] = await Promise.all(["officer@mohw.go.kr", SECRETARIAT_EMAIL, "admin@ax.go.kr"].map(userByEmail));
});

async function lastEvent(type: string) {
  const e = await db.auditEvent.findFirstOrThrow({ where: { type }, orderBy: { seq: "desc" } });
  return parseAuditEvent(e.type, e.payload);
}

describe("EDIT events record the values before and after", () => {
  it("a request edit names each changed field with its old and new value", async () => {
    const draft = await createRequest({ user: officer, fields: { title: "의료 영상 판독 보조", gpusRequested: 16, budgetKrw: 1_000_000 } });
    await updateRequest({
      user: officer,
      requestId: draft.id,
      expectedVersion: 1,
      fields: { title: "의료 영상 판독 보조 AI", gpusRequested: 16, budgetKrw: 3_000_000_000, durationMonths: 12 },
    });
    const edit = await lastEvent("EDIT");
    expect(edit).toEqual({
      type: "EDIT",
      payload: {
        fields: ["budgetKrw", "durationMonths", "gpusRequested", "title"],
        changes: {
          title: { from: "의료 영상 판독 보조", to: "의료 영상 판독 보조 AI" },
          budgetKrw: { from: 1_000_000, to: 3_000_000_000 },
          durationMonths: { from: null, to: 12 },
        },
      },
    });
  });

  it("a plan save records each changed section before and after", async () => {
    const requestId = await fileAndSubmit(officer);
    await send(secretariat, requestId, { type: "ACCEPT" });
    await savePlan({ user: secretariat, requestId, expectedRevision: 0, sections: demoPlan(64) });
    const first = await lastEvent("PLAN_SAVED");
    expect(first.payload).toMatchObject({ revision: 1, changes: { agreedGpus: { from: null, to: 64 } } });
    await savePlan({ user: secretariat, requestId, expectedRevision: 1, sections: demoPlan(80, { kpis: "정확도 95% 이상" }) });
    const second = await lastEvent("PLAN_SAVED");
    expect(second.payload).toEqual({
      revision: 2,
      changed: ["kpis", "agreedGpus"],
      clearedSignatures: [],
      changes: { agreedGpus: { from: 64, to: 80 }, kpis: { from: demoPlan(64).kpis, to: "정확도 95% 이상" } },
    });
  });

  it("a tranche edit records before/after; a deleted tranche keeps what it was", async () => {
    await setPoolTotal({ user: admin, totalGpus: 52_000 });
    const t = await createTranche({
      user: admin,
      input: { label: "1차", arrivalMonth: "2027-02", capacity: 500, gpuModel: "NVIDIA B200", resourceKind: "GPU" },
    });
    await updateTranche({ user: admin, trancheId: t.id, input: { expectedVersion: 1, capacity: 700, label: "1차 (증량)", gpuModel: "NVIDIA B200" } });
    expect((await lastEvent("TRANCHE_UPDATED")).payload).toEqual({
      trancheId: t.id,
      fields: ["capacity", "gpuModel", "label"],
      changes: { capacity: { from: 500, to: 700 }, label: { from: "1차", to: "1차 (증량)" } },
    });
    await deleteTranche({ user: admin, trancheId: t.id, expectedVersion: 2 });
    expect((await lastEvent("TRANCHE_DELETED")).payload).toEqual({
      trancheId: t.id,
      before: { label: "1차 (증량)", arrivalMonth: "2027-02", capacity: 700, gpuModel: "NVIDIA B200", resourceKind: "GPU" },
    });
  });
});

describe("audit payloads are one discriminated union", () => {
  it("refuses to write a listed event in another shape (before anything is hashed)", async () => {
    const before = await db.auditEvent.count();
    await expect(db.$transaction((tx) => appendAuditEvent(tx, { type: "EDIT", payload: { fields: ["title"] } as never }))).rejects.toThrow(
      /EDIT does not match/,
    );
    expect(() => checkAuditPayload("RETURN", { reasons: [] })).toThrow(/RETURN/);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("every event the process writes parses (workflow events keep their server facts)", async () => {
    const { requestId } = await driveRequestToApproved({ officerEmail: "officer@mohw.go.kr", agreedGpus: 10, approvedGpus: 10 });
    const returned = await fileAndSubmit(officer);
    await sendRequestEvent({ user: secretariat, requestId: returned, body: { type: "RETURN", reasons: ["근거 보완"], expectedVersion: 2 } });
    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    for (const e of events) expect(() => parseAuditEvent(e.type, e.payload), `${e.seq} ${e.type}`).not.toThrow();
    const ret = await db.auditEvent.findFirstOrThrow({ where: { type: "RETURN" }, orderBy: { seq: "desc" } });
    expect(parseAuditPayload("RETURN", ret.payload).reasons).toEqual(["근거 보완"]);
    expect((await lastEvent("DECIDE")).payload).toMatchObject({ outcome: "approve", approvedGpus: 10 });
    expect(requestId).toBeTruthy();
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("fieldChanges compares JSON values and ignores fields not sent", () => {
    expect(fieldChanges({ a: 1, b: new Date("2026-01-01T00:00:00Z"), c: 5n }, { a: 1, b: "2026-01-01T00:00:00.000Z", c: 6, d: undefined })).toEqual({
      c: { from: 5, to: 6 },
    });
    expect(fieldChanges(null, { milestones: [{ title: "x", dueOn: "2027-01-01" }] })).toEqual({
      milestones: { from: null, to: [{ title: "x", dueOn: "2027-01-01" }] },
    });
  });
});
