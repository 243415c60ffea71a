import { createElement as h, useId } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { SubmissionResult } from "@conform-to/react";
import { translator } from "~/i18n/use-t";
import { Field, FormErrors, TextareaField, serverFormsKept, useConformForm, useSchemaForm } from "./forms";

// the forms' language comes from the router's root data: a page in Korean here
vi.mock("~/i18n/use-t", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/i18n/use-t")>();
  return { ...actual, useT: () => actual.translator("ko") };
});

type Options = { id: string; lastResult?: SubmissionResult<string[]> | null; defaultValue?: Record<string, unknown> };
const formsSeen: unknown[] = [];

/** A page's meeting form as the meeting list renders it, with an id made after the form's hooks. */
function meetingForm(use: typeof useSchemaForm) {
  return function MeetingForm({ id, lastResult, defaultValue }: Options) {
    const [form, fields] = use({ id, form: "meetingCreate", lastResult, defaultValue });
    formsSeen.push(form);
    const after = useId();
    return h(
      "form",
      { method: "post", id: form.id, noValidate: form.noValidate, "aria-describedby": after },
      h(FormErrors, { form }),
      h(Field, { meta: fields.number, label: "번호", type: "number" }),
      h(Field, { meta: fields.title, label: "제목" }),
      h(TextareaField, { meta: fields.place, label: "장소" }),
      h("span", { id: after }),
    );
  };
}
const Kept = meetingForm(useSchemaForm);
const Conform = meetingForm(useConformForm);
const render = (component: typeof Kept, options: Options) =>
  renderToString(h("div", null, h(component, options), h(component, { ...options, id: `${options.id}-2` })));

const refused: SubmissionResult<string[]> = {
  status: "error",
  initialValue: { number: "3", title: "", place: "세종" },
  error: { title: ["제목을 입력하세요."], "": ["모임을 만들지 못했습니다."] },
};

describe("a form as it first appears is Conform's state built once on the server (ADR 0059)", () => {
  it("renders what Conform's own hooks render, the first time and when kept, and keeps one state per form", () => {
    expect(typeof document).toBe("undefined"); // the server's path
    const options = { id: `meeting-${Date.now()}`, defaultValue: { number: "7", title: translator("ko").t("meeting.defaultTitle") } };
    const own = render(Conform, options);
    expect(own).toContain('value="7"');
    expect(own).toContain('required=""');
    const before = serverFormsKept();
    formsSeen.length = 0;
    expect(render(Kept, options)).toBe(own);
    expect(serverFormsKept()).toBe(before + 2);
    expect(render(Kept, options)).toBe(own);
    expect(serverFormsKept()).toBe(before + 2);
    // the second render read the first render's form (the same object), not a new one
    expect(formsSeen[2]).toBe(formsSeen[0]);
    expect(formsSeen[3]).toBe(formsSeen[1]);
  });

  it("keeps each set of defaults apart, and builds afresh defaults that are not all text", () => {
    const id = `meeting-${Date.now()}`;
    for (const defaultValue of [{ number: "7" }, { number: "8" }, { number: "7", title: undefined }, undefined]) {
      expect(render(Kept, { id, defaultValue })).toBe(render(Conform, { id, defaultValue }));
    }
    expect(render(Kept, { id, defaultValue: { number: "8" } })).toContain('value="8"');
    const before = serverFormsKept();
    const numeric = { number: 9 };
    expect(render(Kept, { id, defaultValue: numeric })).toBe(render(Conform, { id, defaultValue: numeric }));
    expect(serverFormsKept()).toBe(before);
  });

  it("renders a form the server refused as Conform does, and does not keep it: the next first appearance shows no refusal", () => {
    const id = `meeting-${Date.now()}`;
    const answered = render(Kept, { id, lastResult: refused });
    expect(answered).toBe(render(Conform, { id, lastResult: refused }));
    expect(answered).toContain("제목을 입력하세요.");
    expect(answered).toContain('aria-invalid="true"');
    expect(answered).toContain('class="field-input">세종</textarea>');
    const fresh = render(Kept, { id });
    expect(fresh).toBe(render(Conform, { id }));
    expect(fresh).not.toContain("제목을 입력하세요.");
    expect(fresh).not.toContain("aria-invalid");
    expect(render(Kept, { id, lastResult: refused })).toBe(answered); // and the refusal again, not the kept form
  });

  it("forgets what it keeps past its bound and still renders each form right", () => {
    const stamp = Date.now();
    for (let i = 0; i < 600; i++) {
      const id = `sign-${stamp}-${i}`;
      const kept = render(Kept, { id, defaultValue: { number: String(i) } });
      if (i % 97 === 0) expect(kept).toBe(render(Conform, { id, defaultValue: { number: String(i) } }));
      expect(serverFormsKept()).toBeLessThanOrEqual(500);
    }
  });
});
