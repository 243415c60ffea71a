import { beforeAll, describe, expect, it } from "vitest";
import { expectKept, seedUsers } from "~/test/fixtures";
import { recordAccessEvent } from "~/modules/auth/auth-events.server";
import { SECRETARIAT_EMAIL, fileAndSubmit, send, userByEmail } from "~/modules/seed/drive.server";
import { HISTORY_PAGE_SIZE, requestHistory, requestHistoryPage } from "./requests.server";

type User = Awaited<ReturnType<typeof userByEmail>>;
let officer: User, secretariat: User, otherMinistry: User;
let id: string;

// a request returned and resubmitted until its history is longer than a page, with an access event
// (a download) in the middle that the history must leave out
beforeAll(async () => {
  await seedUsers();
  [officer, secretariat, otherMinistry] = await Promise.all(["officer@mohw.go.kr", SECRETARIAT_EMAIL, "officer@mnd.go.kr"].map(userByEmail));
  id = await fileAndSubmit(officer, { title: "이력 페이지 확인" });
  for (let round = 1; round <= 30; round++) {
    await send(secretariat, id, { type: "RETURN", reasons: [`보완 ${round}`] });
    if (round === 15) await recordAccessEvent({ type: "ATTACHMENT_DOWNLOADED", actorId: secretariat.id, requestId: id, payload: { name: "계획서.pdf" } });
    await send(officer, id, { type: "RESUBMIT" });
  }
});

describe("requestHistoryPage (the request page's history)", () => {
  it("pages the whole workflow history, newest first, without access events, each event with its actor", async () => {
    const all = await requestHistory({ user: secretariat, requestId: id }); // oldest first, every event
    expect(all.length).toBeGreaterThan(HISTORY_PAGE_SIZE);
    const first = await requestHistoryPage({ user: secretariat, requestId: id });
    expect(first.events).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.nextFrom).toBe(first.events.at(-1)!.seq);
    const second = await requestHistoryPage({ user: secretariat, requestId: id, from: first.nextFrom! });
    expect(second.nextFrom).toBeNull();
    const paged = [...first.events, ...second.events];
    expect(paged.map((e) => e.seq)).toEqual(all.map((e) => e.seq).reverse());
    expect(paged.map((e) => e.type)).not.toContain("ATTACHMENT_DOWNLOADED");
    expect(paged[0]).toMatchObject({ type: "RESUBMIT", fromState: "revision", toState: "screening", actor: { id: officer.id, name: officer.name } });
    expect(paged[0].at).toBeInstanceOf(Date);
    expect(paged.map((e) => e.at.getTime())).toEqual(all.map((e) => e.at.getTime()).reverse());
    expect(paged.at(-1)?.payload).toEqual(all[0].payload);
  });

  it("pages oldest first when asked", async () => {
    const all = await requestHistory({ user: secretariat, requestId: id });
    const first = await requestHistoryPage({ user: secretariat, requestId: id, order: "oldest" });
    expect(first.events.map((e) => e.seq)).toEqual(all.slice(0, HISTORY_PAGE_SIZE).map((e) => e.seq));
    const second = await requestHistoryPage({ user: secretariat, requestId: id, order: "oldest", from: first.nextFrom! });
    expect(second.events.map((e) => e.seq)).toEqual(all.slice(HISTORY_PAGE_SIZE).map((e) => e.seq));
  });

  it("says which states the request has reached and what its latest return asked for, from the whole history", async () => {
    const page = await requestHistoryPage({ user: officer, requestId: id });
    const all = await requestHistory({ user: officer, requestId: id });
    const states = new Set(all.map((e) => e.toState).filter((s) => s !== null));
    expect(page.reached).toHaveLength(states.size);
    expect(new Set(page.reached)).toEqual(states);
    expect(page.lastReturn).toMatchObject({ type: "RETURN", payload: { reasons: ["보완 30"] }, actor: { id: secretariat.id } });
  });

  it("is for those who may see the request", async () => {
    await expect(requestHistoryPage({ user: otherMinistry, requestId: id })).rejects.toMatchObject({ status: 404 });
  });

  // last: it adds to the history the other tests read
  it("keeps its first page until the next commit (ADR 0029), then shows the new event on top", async () => {
    const before = await requestHistoryPage({ user: secretariat, requestId: id });
    expectKept(await requestHistoryPage({ user: officer, requestId: id }), before); // one first page for every reader
    await send(secretariat, id, { type: "RETURN", reasons: ["보완 31"] });
    const after = await requestHistoryPage({ user: officer, requestId: id });
    expect(after.events[0]).toMatchObject({ type: "RETURN", actor: { id: secretariat.id } });
    expect(after.events[1].seq).toBe(before.events[0].seq);
    expect(after.lastReturn).toMatchObject({ payload: { reasons: ["보완 31"] } });
  });
});
