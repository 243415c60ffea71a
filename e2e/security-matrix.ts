/**
 * What the authorization matrix and the fuzz share: every URL of `app/routes.ts` with its parameters
 * filled from a set of "canary" records of one ministry, and the callers to try them as.
 */
import { baseURL } from "./app-server";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import routes from "../app/routes";
import { expect, request as playwrightRequest, type APIRequestContext } from "./fixtures";
import { dayFromNow, monthFromNow } from "./dates";
import { apiAs, newMeeting, PASSWORD, sendOk } from "./helpers";

export interface RouteInfo {
  /** `/requests/:id/plan` */
  pattern: string;
  file: string;
  api: boolean;
}

/** Every route of app/routes.ts with its full path (layouts and prefixes resolved). */
export function allRoutes(entries: RouteConfigEntry[] = routes, parent = ""): RouteInfo[] {
  return entries.flatMap((entry) => {
    const path = entry.index ? parent : [parent, entry.path].filter(Boolean).join("/");
    const self =
      entry.path !== undefined || entry.index ? [{ pattern: `/${path}`.replace(/\/+$/, "") || "/", file: entry.file, api: path.startsWith("api/") }] : [];
    return [...self, ...allRoutes(entry.children ?? [], path)];
  });
}

/** Records of the Ministry of Health (MOHW) that no other ministry may see; each carries `marker` in its text. */
export interface Canary {
  marker: string;
  requestId: string;
  attachmentId: string;
  conditionId: string;
  meetingId: string;
  approvedId: string;
  allocationId: string;
  trancheId: string;
}

export const NONEXISTENT = "cnonexistent00000000000000";

const STEPS: Record<string, string[]> = {
  meetings: ["lock", "minutes", "unlock", "cancel"],
  conditions: ["evidence", "met", "return"],
};

/**
 * The concrete URLs of a route: each parameter from the canary record its segment names (`requests/:id`
 * → the canary request), `:step` expanded to the steps that exist, anything unknown as a made-up id.
 * With `real = false` every id is one that does not exist (the outsider must not see a difference).
 */
export function urlsOf(route: RouteInfo, canary: Canary, real = true): string[] {
  const segments = route.pattern.split("/");
  let urls = [""];
  segments.forEach((segment, i) => {
    if (segment === "") return;
    const before = segments[i - 1];
    let values: string[];
    if (segment === "*") values = ["no-such-page"];
    else if (!segment.startsWith(":")) values = [segment];
    else if (segment === ":step") values = STEPS[segments[i - 2]] ?? ["no-such-step"];
    else {
      const ids: Record<string, string> = {
        ":attachmentId": canary.attachmentId,
        ":requestId": canary.requestId,
        "requests/:id": canary.requestId,
        "meetings/:id": canary.meetingId,
        "conditions/:id": canary.conditionId,
        "tranches/:id": canary.trancheId,
        "allocations/:id": canary.allocationId,
      };
      const id = ids[segment] ?? ids[`${before}/${segment}`];
      values = [real && id ? id : NONEXISTENT];
    }
    urls = urls.flatMap((u) => values.map((v) => `${u}/${v}`));
  });
  return urls.map((u) => u || "/");
}

/** The page's data URL (single fetch): `/requests/x` → `/requests/x.data`, `/` → `/_root.data`. */
export const dataUrl = (url: string) => (url === "/" ? "/_root.data" : `${url}.data`);

export const CALLERS = {
  anonymous: null,
  officer: "officer@mohw.go.kr",
  otherMinistry: "officer@mnd.go.kr",
  secretariat: "secretariat@msit.go.kr",
  approver: "approver@opm.go.kr",
  admin: "admin@ax.go.kr",
} as const;
export type Caller = keyof typeof CALLERS;

export async function contextFor(caller: Caller): Promise<APIRequestContext> {
  const email = CALLERS[caller];
  if (email) return apiAs(email);
  return playwrightRequest.newContext({ baseURL: baseURL() });
}

const pdf = (marker: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${marker}\n`, "latin1"), Buffer.alloc(1500, 0x20)]);

/**
 * A MOHW request with a file, a co-signed plan, a decision with a condition (conditionally approved)
 * and a second MOHW request approved and given one GPU: every kind of record a route can name.
 */
export async function makeCanary(): Promise<Canary> {
  const marker = `canary${Date.now().toString(36)}`;
  const officer = await apiAs("officer@mohw.go.kr");
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const intake = {
    domain: "HEALTH",
    sector: "NATIONAL_PROJECT",
    aiWork: "FINE_TUNING",
    gpusRequested: 16,
    problemStatement: `보건 현장의 반복 업무를 줄이기 위한 ${marker} 과제입니다.`,
    desiredStartMonth: monthFromNow(5),
    durationMonths: 12,
    dataReadiness: "READY",
    npuCapable: false,
    expectedOutcomes: `처리 시간 단축 ${marker}`,
    budgetKrw: 1_000_000,
    contactName: "최보건",
    contactEmail: "officer@mohw.go.kr",
  };

  async function decided(title: string, decision: Record<string, unknown>, withFile: boolean) {
    const created = await officer.post("/api/v1/requests", { data: { ...intake, title } });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = await created.json();
    let attachmentId = "";
    if (withFile) {
      const file = await officer.post(`/api/v1/requests/${id}/attachments`, {
        multipart: { file: { name: `${marker}.pdf`, mimeType: "application/pdf", buffer: pdf(marker) } },
      });
      expect(file.status(), await file.text()).toBe(201);
      attachmentId = (await file.json()).id;
    }
    await sendOk(officer, id, { type: "SUBMIT" });
    await sendOk(secretariat, id, { type: "ACCEPT" });
    const plan = await officer.put(`/api/v1/requests/${id}/plan`, {
      data: {
        expectedRevision: 0,
        techDevelopmentPlan: `기술개발 ${marker}`,
        demonstrationPlan: `실증 ${marker}`,
        milestones: [{ title: `착수 ${marker}`, dueOn: dayFromNow(200) }],
        kpis: `지표 ${marker}`,
        agreedGpus: 16,
        ministryContact: "최보건",
        msitContact: "김사무",
      },
    });
    expect(plan.status(), await plan.text()).toBe(200);
    expect((await officer.post(`/api/v1/requests/${id}/plan/sign`, { data: { expectedRevision: 1 } })).status()).toBe(200);
    expect((await secretariat.post(`/api/v1/requests/${id}/plan/sign`, { data: { expectedRevision: 1 } })).status()).toBe(200);
    const meetingId = await newMeeting();
    expect((await secretariat.post(`/api/v1/meetings/${meetingId}/agenda`, { data: { requestId: id } })).status()).toBe(201);
    expect((await secretariat.post(`/api/v1/meetings/${meetingId}/lock`)).status()).toBe(200);
    await sendOk(secretariat, id, { type: "DECIDE", ...decision });
    await sendOk(await apiAs("chair@msit.go.kr"), id, { type: "SIGN" });
    await sendOk(await apiAs("approver@opm.go.kr"), id, { type: "SIGN" });
    return { id, attachmentId, meetingId };
  }

  const conditional = await decided(
    `카나리아 ${marker} 보건 기밀 과제`,
    {
      outcome: "approveWithConditions",
      approvedGpus: 8,
      conditions: [{ text: `영향평가 제출 ${marker}`, dueOn: dayFromNow(60) }],
    },
    true,
  );
  const approved = await decided(`카나리아 ${marker} 승인 과제`, { outcome: "approve", approvedGpus: 8 }, false);

  const decisions = await (await secretariat.get(`/api/v1/requests/${conditional.id}/decisions`)).json();
  const conditionId: string = decisions.conditions[0].id;
  const tranches: { id: string; remaining: number }[] = await (await secretariat.get("/api/v1/tranches")).json();
  const tranche = tranches.find((t) => t.remaining >= 1)!;
  const allocation = await secretariat.post("/api/v1/allocations", { data: { requestId: approved.id, trancheId: tranche.id, gpus: 1 } });
  expect(allocation.status(), await allocation.text()).toBe(201);
  const allocationId: string = (await allocation.json()).id;
  await Promise.all([officer.dispose(), secretariat.dispose()]);
  return {
    marker,
    requestId: conditional.id,
    attachmentId: conditional.attachmentId,
    conditionId,
    meetingId: conditional.meetingId,
    approvedId: approved.id,
    allocationId,
    trancheId: tranche.id,
  };
}

export { PASSWORD };
