/**
 * The forms of the meeting page → the meeting services → a result for the page (a banner, or an inline
 * message beside the form that acted). Every form works without JavaScript. The forms with typed
 * fields (edit, unlock/cancel/take off, add, decide/amend with condition rows) are read by Conform
 * with the shared schemas (`formAction`); the others through `pageAction`. One try/catch for all:
 * app/utils/page-action.server.ts.
 */
import type { MessageKey } from "~/i18n/messages";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { sendRequestEvent } from "~/modules/requests/requests.server";
import { AppError } from "~/utils/errors";
import { formAction, pageAction } from "~/utils/page-action.server";
import { cancelMeeting, removeFromAgenda, unlockAgenda, updateMeeting } from "./meeting-corrections.server";
import {
  addAgendaFormSchema,
  decisionFormId,
  decisionFormSchema,
  lockAgendaSchema,
  reasonFormSchema,
  reorderAgendaSchema,
  updateMeetingFormSchema,
} from "./meeting.schema";
import { addToAgenda, lockAgenda, publishMinutes, reorderAgenda } from "./meetings.server";

export const INTENTS = ["add", "reorder", "lock", "publish", "decide", "amend", "update", "unlock", "cancel", "remove"] as const;
export type Intent = (typeof INTENTS)[number];
export type MeetingFormResult = {
  ok: boolean;
  conflict: boolean;
  message: string;
  intent: Intent;
  requestId: string | null;
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
  const none = { intent, requestId: null as string | null };
  switch (intent) {
    case "add":
      return formAction({
        locale,
        formData: form,
        schema: addAgendaFormSchema,
        form: "add",
        extra: none,
        work: async ({ request }) => {
          await addToAgenda({ user, meetingId, ...chosen(request) });
          return DONE.add;
        },
      });
    case "update":
      return formAction({
        locale,
        formData: form,
        schema: updateMeetingFormSchema,
        form: "meeting-update",
        extra: none,
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
        locale,
        formData: form,
        schema: reasonFormSchema,
        form: `meeting-${intent}`,
        extra: none,
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
      return pageAction(
        locale,
        async () => {
          await perform(intent, user, meetingId, form);
          return DONE[intent];
        },
        none,
      );
    case "decide":
    case "amend": {
      // a decision on one agenda item, through the request's event service (the machine checks the rest)
      const requestId = text(form, "requestId");
      return formAction({
        locale,
        formData: form,
        schema: decisionFormSchema,
        form: decisionFormId(intent, requestId),
        extra: { ...none, requestId },
        resetForm: true,
        work: async ({ intent: _intent, requestId, reason, ...decision }) => {
          const body = intent === "decide" ? { type: "DECIDE" as const, ...decision } : { type: "AMEND_DECISION" as const, ...decision, reason: reason ?? "" };
          await sendRequestEvent({ user, requestId, body });
          return DONE[intent];
        },
      });
    }
  }
}
