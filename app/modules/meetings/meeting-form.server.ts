/**
 * The forms of the meeting page → the meeting services → a result for the page (a banner, or an inline
 * message and the typed values for a decision form). Every form works without JavaScript.
 */
import { data } from "react-router";
import { OUTCOMES, type DecisionValues } from "~/components/agenda-decision-form";
import type { MessageKey } from "~/i18n/messages";
import { translate } from "~/i18n/translate";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { eventBodySchema } from "~/modules/requests/request.schema";
import { sendRequestEvent } from "~/modules/requests/requests.server";
import { appErrorMessage, validationError } from "~/utils/api.server";
import { AppError } from "~/utils/errors";
import { cancelMeeting, removeFromAgenda, unlockAgenda, updateMeeting } from "./meeting-corrections.server";
import { addAgendaItemSchema, attendeesFromText, lockAgendaSchema, reasonSchema, reorderAgendaSchema, updateMeetingSchema } from "./meeting.schema";
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

/** The meeting-level intents (everything but a decision). */
async function perform(intent: Exclude<Intent, "decide" | "amend">, user: CurrentUser, meetingId: string, form: FormData): Promise<void> {
  const expectedVersion = versionOf(form);
  switch (intent) {
    case "add": {
      const [requestId, requestVersion] = text(form, "request").split(":");
      const parsed = addAgendaItemSchema.safeParse({ requestId, expectedVersion: Number(requestVersion) });
      if (!parsed.success) throw invalid();
      await addToAgenda({ user, meetingId, ...parsed.data });
      return;
    }
    case "reorder": {
      const parsed = reorderAgendaSchema.safeParse({ expectedVersion, requestIds: text(form, "order").split(",").filter(Boolean) });
      if (!parsed.success) throw invalid();
      await reorderAgenda({ user, meetingId, ...parsed.data });
      return;
    }
    case "lock":
    case "publish": {
      const parsed = lockAgendaSchema.safeParse({ expectedVersion });
      if (!parsed.success) throw invalid();
      await (intent === "lock" ? lockAgenda : publishMinutes)({ user, meetingId, ...parsed.data });
      return;
    }
    case "update": {
      const startTime = text(form, "startTime");
      const parsed = updateMeetingSchema.safeParse({
        expectedVersion, date: text(form, "date"), startTime: startTime === "" ? null : startTime,
        title: text(form, "title"), place: text(form, "place"), attendees: attendeesFromText(String(form.get("attendees") ?? "")),
      });
      if (!parsed.success) throw validationError(parsed.error, { sayFirstField: true });
      const { expectedVersion: version, ...changes } = parsed.data;
      await updateMeeting({ user, meetingId, expectedVersion: version, changes });
      return;
    }
    case "unlock":
    case "cancel":
    case "remove": {
      const parsed = reasonSchema.safeParse({ reason: text(form, "reason"), expectedVersion }, { reportInput: true });
      if (!parsed.success) throw validationError(parsed.error, { sayFirstField: true });
      if (intent === "unlock") await unlockAgenda({ user, meetingId, ...parsed.data });
      else if (intent === "cancel") await cancelMeeting({ user, meetingId, ...parsed.data });
      else {
        const [requestId, requestVersion] = text(form, "request").split(":");
        if (!requestId) throw invalid("deliberation.meeting.error.chooseItem");
        await removeFromAgenda({ user, meetingId, requestId, reason: parsed.data.reason, expectedVersion: Number(requestVersion) || undefined });
      }
    }
  }
}

/** One posted form of the meeting page; 404/403 become responses so outsiders learn nothing. */
export async function handleMeetingForm({ user, locale, meetingId, form }: { user: CurrentUser; locale: Locale; meetingId: string; form: FormData }) {
  const intent = String(form.get("intent")) as Intent;
  if (!INTENTS.includes(intent)) throw new Response(null, { status: 400 });
  const forItem = intent === "decide" || intent === "amend";
  const requestId = forItem ? text(form, "requestId") : null;
  const decision = forItem ? decisionFromForm(form) : null;
  const reply = (r: { ok: boolean; conflict: boolean; message: string }, status = 200) =>
    data<MeetingFormResult>({ ...r, intent, requestId, values: r.ok ? null : decision?.values ?? null }, { status });
  if (decision?.problem) return reply({ ok: false, conflict: false, message: translate(locale, decision.problem) }, 422);
  try {
    if (forItem && requestId && decision) await recordDecision(user, intent, requestId, form, decision.values);
    else if (!forItem) await perform(intent, user, meetingId, form);
    else throw invalid();
    return reply({ ok: true, conflict: false, message: translate(locale, DONE[intent]) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
    const conflict = error.code === "VERSION_CONFLICT";
    return reply({ ok: false, conflict, message: conflict ? translate(locale, "request.conflict") : appErrorMessage(error, locale) }, error.status);
  }
}
