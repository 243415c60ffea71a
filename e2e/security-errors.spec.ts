import { expect, test } from "./fixtures";
import { apiAs, signIn, submittedRequest } from "./helpers";
import { dayFromNow } from "./dates";

test("a role that may not open /requests/new, /requests/:id/edit or /signoffs gets the 403 page, not a 500", async ({ page }) => {
  const officer = await apiAs("officer@mohw.go.kr");
  const { id } = await (await officer.post("/api/v1/requests", { data: { title: "권한 오류 페이지 시험" } })).json();
  await signIn(page, "secretariat@msit.go.kr");
  for (const path of ["/requests/new", `/requests/${id}/edit`, "/signoffs"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByText("이 작업을 할 권한이 없습니다.")).toBeVisible();
    // the same through the data request of client navigation and through a form post
    expect((await page.request.get(`${path}.data`)).status(), `${path}.data`).toBe(403);
    expect((await page.request.post(path, { form: { intent: "save" } })).status(), `POST ${path}`).toBe(403);
  }
});

test("a crafted cursor on /requests and GET /api/v1/requests is refused or ignored, never a 500", async ({ page }) => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const cursors = [
    encode(["newest", "not-a-date", "x"]),
    encode(["gpus", "NaN", "x"]),
    encode(["title", { gt: "" }, "x"]),
    encode(["oldest", Number.POSITIVE_INFINITY, "x"]),
    "%%%",
    "eyJ",
    "x".repeat(400),
  ];
  await signIn(page, "secretariat@msit.go.kr");
  for (const cursor of cursors) {
    for (const sort of ["newest", "oldest", "gpus", "title"]) {
      const query = new URLSearchParams({ sort, cursor }).toString();
      const api = await secretariat.get(`/api/v1/requests?${query}`);
      expect(api.status(), `api ${sort} ${cursor}`).toBe(422);
      const html = await page.goto(`/requests?${query}`);
      expect(html?.status(), `page ${sort} ${cursor}`).toBe(200); // the page starts again from the first page
    }
  }
});

test("2027-02-31 is not a meeting date nor a milestone date", async () => {
  const secretariat = await apiAs("secretariat@msit.go.kr");
  const meeting = await secretariat.post("/api/v1/meetings", {
    data: { number: 9001, date: "2099-02-31", title: "과학기술관계장관회의", place: "정부서울청사" },
  });
  expect(meeting.status()).toBe(422);
  expect((await meeting.json()).error.fields).toHaveProperty("date");

  const id = await submittedRequest({ title: "마일스톤 날짜 검증 시험" });
  const officer = await apiAs("officer@mohw.go.kr");
  await secretariat.post(`/api/v1/requests/${id}/events`, {
    data: { type: "ACCEPT", expectedVersion: (await (await secretariat.get(`/api/v1/requests/${id}`)).json()).version },
  });
  const plan = (date: string) =>
    officer.put(`/api/v1/requests/${id}/plan`, {
      data: {
        expectedRevision: 0,
        techDevelopmentPlan: "계획",
        demonstrationPlan: "실증",
        milestones: [{ title: "착수", dueOn: date }],
        kpis: "지표",
        agreedGpus: 8,
        ministryContact: "담당",
        msitContact: "사무국",
      },
    });
  const refused = await plan("2027-02-31");
  expect(refused.status()).toBe(422);
  expect(Object.keys((await refused.json()).error.fields)).toEqual(["milestones.0.dueOn"]);
  expect((await plan(dayFromNow(200))).status()).toBe(200);
});

test("the search treats % and _ as text, and finds Korean sent decomposed (NFD) when typed composed", async () => {
  const officer = await apiAs("officer@mafra.go.kr");
  const stamp = Date.now().toString(36);
  for (const title of [`달성률 100% ${stamp}`, `달성률 1000 ${stamp}`, `a_b ${stamp} 과제`, `axb ${stamp} 과제`]) {
    expect((await officer.post("/api/v1/requests", { data: { title } })).status()).toBe(201);
  }
  const titles = async (q: string) =>
    ((await (await officer.get(`/api/v1/requests?${new URLSearchParams({ q })}`)).json()).items as { title: string }[]).map((i) => i.title);
  expect(await titles(`0% ${stamp}`)).toEqual([`달성률 100% ${stamp}`]);
  expect(await titles(`a_b ${stamp}`)).toEqual([`a_b ${stamp} 과제`]);

  const nfd = `스마트팜 병해충 ${stamp}`.normalize("NFD");
  const created = await officer.post("/api/v1/requests", { data: { title: nfd } });
  expect((await created.json()).title).toBe(`스마트팜 병해충 ${stamp}`);
  expect(await titles(`스마트팜 병해충 ${stamp}`)).toEqual([`스마트팜 병해충 ${stamp}`]);
});
