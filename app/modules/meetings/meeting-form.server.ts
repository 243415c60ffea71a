/**
 * The forms of the meeting page → the meeting services → a result for the page (a banner, or an inline
 * message and the typed values for a decision form). Every form works without JavaScript. The forms
 * with typed fields (edit, unlock/cancel/take off, add) are read by Conform with the shared schemas
 * (`formAction`); the others through `pageAction`. One try/catch for all: app/utils/page-action.server.ts.
 */
import { data } from "react-router";
import { OUTCOMES, type DecisionValues } from "~/components/agenda-decision-form";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { eventBodySchema } from "~/modules/requests/request.schema";
import { sendRequestEvent } from "~/modules/requests/requests.server";
import { validationError } from "~/utils/api.server";
import { AppError } from "~/utils/errors";
import { formAction, pageAction } from "~/utils/page-action.server";
import { cancelMeeting, removeFromAgenda, unlockAgenda, updateMeeting } from "./meeting-corrections.server";
import { addAgendaFormSchema, lockAgendaSchema, reasonFormSchema, reorderAgendaSchema, updateMeetingFormSchema } from "./meeting.schema";
import { addToAgenda, lockAgenda, publishMinutes, reorderAgenda } from "./meetings.server";

export const INTENTS = ["add", "reorder", "lock", "publish", "decide", "amend", "update", "unlock", "cancel", "remove"] as const;
export type Intent = (typeof INTENTS)[number];
export type MeetingFormResult = {
  ok: boolean;
  conflict: boolean;
  message: string;
  intent: Intent;
  requestId: string | null;
  values: DecisionValues | null;
};

const DONE: Record<Intent, MessageKey> = {
  add: "meeting.added",
  reorder: "meeting.reordered",
  lock: "meeting.locked",
  publish: "meeting.minutesPublished",
  decide: "meeting.decisionRecorded",
  amend: "deliberation.meeting.amend.done",
  update: "deliberation.meeting.edit.done",
  unlock: "deliberation.meeting.unlock.done",
  cancel: "deliberation.meeting.cancel.done",
  remove: "deliberation.meeting.remove.done",
};

const invalid = (key: MessageKey = "error.validation") => new AppError("VALIDATION_FAILED", 422, key);
const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** The form's DECIDE / AMEND_DECISION fields, with blank condition rows dropped; a message key when the form itself is incomplete. */
function decisionFromForm(form: FormData): { values: DecisionValues; problem: MessageKey | null } {
  const dues = form.getAll("conditionDue").map((v) => String(v).trim());
  const conditions = form.getAll("conditionText")
    .map((v, i) => ({ text: String(v).trim(), dueOn: dues[i] ?? "" }))
    .filter((c) => c.text !== "" || c.dueOn !== "");
  const values = { outcome: text(form, "outcome"), approvedGpus: text(form, "approvedGpus").replace(/[,\s]/g, ""), conditions, note: text(form, "note"), reason: text(form, "reason") };
  let problem: MessageKey | null = null;
  if (!(OUTCOMES as readonly string[]).includes(values.outcome)) problem = "meeting.error.outcomeRequired";
  else if (!/^\d{1,9}$/.test(values.approvedGpus)) problem = "meeting.error.approvedGpusRequired";
  else if (conditions.some((c) => c.text === "" || c.dueOn === "")) problem = "meeting.error.conditionIncomplete";
  else if (conditions.length > 0 && values.outcome !== "approveWithConditions") problem = "meeting.error.conditionsOnlyConditional";
  else if (form.has("reason") && values.reason === "") problem = "deliberation.meeting.error.reasonRequired";
  return { values, problem };
}

/** DECIDE or AMEND_DECISION for one agenda item, through the request's event service. */
async function recordDecision(user: CurrentUser, intent: "decide" | "amend", requestId: string, form: FormData, values: DecisionValues) {
  const body = eventBodySchema.safeParse({
    type: intent === "decide" ? "DECIDE" : "AMEND_DECISION",
    expectedVersion: Number(form.get("expectedVersion")),
    outcome: values.outcome,
    approvedGpus: Number(values.approvedGpus),
    conditions: values.conditions,
    ...(values.note ? { note: values.note } : {}),
    ...(intent === "amend" ? { reason: values.reason } : {}),
  });
  if (!body.success) throw validationError(body.error, { sayFirstField: true });
  await sendRequestEvent({ user, requestId, body: body.data });
}

function versionOf(form: FormData) {
  const version = Number(form.get("expectedVersion"));
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

/** The meeting-level intents without typed fields. */
async function perform(intent: "reorder" | "lock" | "publish", user: CurrentUser, meetingId: string, form: FormData): Promise<void> {
  const expectedVersion = versionOf(form);
  if (intent === "reorder") {
    const parsed = reorderAgendaSchema.safeParse({ expectedVersion, requestIds: text(form, "order").split(",").filter(Boolean) });
    if (!parsed.success) throw invalid();
    await reorderAgenda({ user, meetingId, ...parsed.data });
    return;
  }
  const parsed = lockAgendaSchema.safeParse({ expectedVersion });
  if (!parsed.success) throw invalid();
  await (intent === "lock" ? lockAgenda : publishMinutes)({ user, meetingId, ...parsed.data });
}

/** "id:version" of a chosen request → its parts. */
function chosen(value: string) {
  const [requestId, version] = value.split(":");
  return { requestId, expectedVersion: Number(version) || undefined };
}

/** One posted form of the meeting page; 404/403 become responses so outsiders learn nothing. */
export async function handleMeetingForm({ user, locale, meetingId, form }: { user: CurrentUser; locale: Locale; meetingId: string; form: FormData }) {
  const intent = String(form.get("intent")) as Intent;
  if (!INTENTS.includes(intent)) throw new Response(null, { status: 400 });
  const none = { intent, requestId: null, values: null };
  switch (intent) {
    case "add":
      return formAction({
        locale, formData: form, schema: addAgendaFormSchema, form: "add", extra: none,
        work: async ({ request }) => {
          await addToAgenda({ user, meetingId, ...chosen(request) });
          return DONE.add;
        },
      });
    case "update":
      return formAction({
        locale, formData: form, schema: updateMeetingFormSchema, form: "meeting-update", extra: none,
        fieldOf: (error) => (error.messageKey === "deliberation.meeting.error.datePast" ? "date" : undefined),
        work: async ({ intent: _intent, expectedVersion, ...changes }) => {
          await updateMeeting({ user, meetingId, expectedVersion, changes });
          return DONE.update;
        },
      });
    case "unlock":
    case "cancel":
    case "remove":
      return formAction({
        locale, formData: form, schema: reasonFormSchema, form: `meeting-${intent}`, extra: none,
        work: async ({ reason, expectedVersion, request }) => {
          if (intent === "unlock") await unlockAgenda({ user, meetingId, reason, expectedVersion });
          else if (intent === "cancel") await cancelMeeting({ user, meetingId, reason, expectedVersion });
          else await removeFromAgenda({ user, meetingId, reason, ...chosen(request ?? "") });
          return DONE[intent];
        },
      });
    case "reorder":
    case "lock":
    case "publish":
      return pageAction(locale, async () => {
        await perform(intent, user, meetingId, form);
        return DONE[intent];
      }, none);
  }
  // a decision on one agenda item: the condition rows are read by hand (see decisionFromForm)
  const requestId = text(form, "requestId");
  const decision = decisionFromForm(form);
  if (decision.problem) {
    const message = translate(locale, decision.problem);
    return data<MeetingFormResult>({ ok: false, conflict: false, message, intent, requestId, values: decision.values }, { status: 422 });
  }
  const answer = await pageAction(locale, async () => {
    if (!requestId) throw invalid();
    await recordDecision(user, intent, requestId, form, decision.values);
    return DONE[intent];
  }, { intent, requestId, values: decision.values as DecisionValues | null });
  if (answer.data.ok) answer.data.values = null;
  return answer;
}
