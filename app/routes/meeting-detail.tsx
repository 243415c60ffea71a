import { data, Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/meeting-detail";
import { AgendaDecisionForm, OUTCOMES, type DecisionValues } from "~/components/agenda-decision-form";
import { MeetingStatusBadge } from "~/components/agenda-status";
import { AgendaTable } from "~/components/agenda-table";
import { DecisionSummary } from "~/components/decision-summary";
import { translate } from "~/i18n/translate";
import type { MessageKey } from "~/i18n/messages";
import type { Locale } from "~/i18n/types";
import { useT } from "~/i18n/use-t";
import { requireUser, type CurrentUser } from "~/modules/auth/session.server";
import { addAgendaItemSchema, lockAgendaSchema, reorderAgendaSchema } from "~/modules/meetings/meeting.schema";
import { addToAgenda, eligibleRequests, getMeeting, lockAgenda, publishMinutes, reorderAgenda } from "~/modules/meetings/meetings.server";
import { eventBodySchema } from "~/modules/requests/request.schema";
import { sendRequestEvent } from "~/modules/requests/requests.server";
import { signoffQuorum } from "~/utils/config.server";
import { AppError, forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { appErrorMessage, readForm } from "~/utils/api.server";
import { can } from "~/modules/auth/permissions";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requireUser(request);
  return forPage(async () => {
    const meeting = await getMeeting({ user, meetingId: params.id });
    const secretariat = can(user, "meeting:manage");
    const eligible = secretariat && meeting.status === "planning" ? await eligibleRequests({ user }) : [];
    return { meeting, eligible, secretariat, quorum: signoffQuorum(), created: new URL(request.url).searchParams.has("created") };
  });
}

type Intent = "add" | "reorder" | "lock" | "publish" | "decide";
type Result = { ok: boolean; conflict: boolean; message: string; intent: Intent; requestId: string | null; values: DecisionValues | null };

const DONE: Record<Intent, MessageKey> = {
  add: "meeting.added", reorder: "meeting.reordered", lock: "meeting.locked", publish: "meeting.minutesPublished", decide: "meeting.decisionRecorded",
};

/** The form's DECIDE fields, with blank condition rows dropped; a message key when the form itself is incomplete. */
function decisionFromForm(form: FormData): { values: DecisionValues; problem: MessageKey | null } {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const dues = form.getAll("conditionDue").map((v) => String(v).trim());
  const conditions = form.getAll("conditionText")
    .map((v, i) => ({ text: String(v).trim(), dueOn: dues[i] ?? "" }))
    .filter((c) => c.text !== "" || c.dueOn !== "");
  const values = { outcome: text("outcome"), approvedGpus: text("approvedGpus").replace(/[,\s]/g, ""), conditions, note: text("note") };
  let problem: MessageKey | null = null;
  if (!(OUTCOMES as readonly string[]).includes(values.outcome)) problem = "meeting.error.outcomeRequired";
  else if (!/^\d{1,9}$/.test(values.approvedGpus)) problem = "meeting.error.approvedGpusRequired";
  else if (conditions.some((c) => c.text === "" || c.dueOn === "")) problem = "meeting.error.conditionIncomplete";
  else if (conditions.length > 0 && values.outcome !== "approveWithConditions") problem = "meeting.error.conditionsOnlyConditional";
  return { values, problem };
}

async function perform(intent: Intent, user: CurrentUser, meetingId: string, form: FormData): Promise<void> {
  const version = Number(form.get("expectedVersion"));
  const invalid = () => new AppError("VALIDATION_FAILED", 422, "error.validation");
  if (intent === "add") {
    const [requestId, requestVersion] = String(form.get("request") ?? "").split(":");
    const parsed = addAgendaItemSchema.safeParse({ requestId, expectedVersion: Number(requestVersion) });
    if (!parsed.success) throw invalid();
    await addToAgenda({ user, meetingId, ...parsed.data });
  } else if (intent === "reorder") {
    const parsed = reorderAgendaSchema.safeParse({ expectedVersion: version, requestIds: String(form.get("order") ?? "").split(",").filter(Boolean) });
    if (!parsed.success) throw invalid();
    await reorderAgenda({ user, meetingId, ...parsed.data });
  } else if (intent === "lock" || intent === "publish") {
    const parsed = lockAgendaSchema.safeParse({ expectedVersion: version });
    if (!parsed.success) throw invalid();
    await (intent === "lock" ? lockAgenda : publishMinutes)({ user, meetingId, ...parsed.data });
  }
}

function failure(locale: Locale, error: AppError) {
  if (error.status === 404 || error.status === 403) throw new Response(null, { status: error.status });
  const conflict = error.code === "VERSION_CONFLICT";
  const message = conflict ? translate(locale, "request.conflict") : appErrorMessage(error, locale);
  return { conflict, message };
}

export async function action({ request, params }: Route.ActionArgs) {
  const user = await requireUser(request);
  const locale = await pageLocale(request);
  const form = await readForm(request);
  const intent = String(form.get("intent")) as Intent;
  if (!(intent in DONE)) throw new Response(null, { status: 400 });
  const requestId = intent === "decide" ? String(form.get("requestId") ?? "") : null;
  const decision = intent === "decide" ? decisionFromForm(form) : null;
  const reply = (r: Omit<Result, "intent" | "requestId" | "values">, status = 200) =>
    data<Result>({ ...r, intent, requestId, values: r.ok ? null : decision?.values ?? null }, { status });
  if (decision?.problem) return reply({ ok: false, conflict: false, message: translate(locale, decision.problem) }, 422);
  try {
    if (decision && requestId) {
      const { values } = decision;
      const body = eventBodySchema.safeParse({
        type: "DECIDE", expectedVersion: Number(form.get("expectedVersion")), outcome: values.outcome, approvedGpus: Number(values.approvedGpus),
        conditions: values.conditions, ...(values.note ? { note: values.note } : {}),
      });
      if (!body.success) return reply({ ok: false, conflict: false, message: translate(locale, "error.validation") }, 422);
      await sendRequestEvent({ user, requestId, body: body.data });
    } else {
      await perform(intent, user, params.id, form);
    }
    return reply({ ok: true, conflict: false, message: translate(locale, DONE[intent]) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return reply({ ok: false, ...failure(locale, error) }, error.status);
  }
}

export default function MeetingDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, eligible, secretariat, quorum, created } = loaderData;
  const { t, td, d, dt, locale } = useT();
  const busy = useNavigation().state !== "idle";
  const planning = meeting.status === "planning";
  const locked = meeting.status !== "planning";
  const undecided = meeting.items.filter((i) => !i.decision).length;
  const inlineDecisionError = actionData?.intent === "decide" && !actionData.ok;
  const banner = actionData && !inlineDecisionError ? actionData : created ? { ok: true, conflict: false, message: t("meeting.created") } : null;
  const heading = t("meeting.fullTitle", { number: meeting.number, title: meeting.title });
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p><Link to="/meetings">← {t("meeting.listTitle")}</Link></p>
        <h1 className="page-title">{heading}</h1>
        <p className="text-sm text-slate-700">
          {t("meeting.printMeta", { date: d(meeting.date), place: meeting.place })}
          {meeting.lockedAt ? ` · ${t("meeting.lockedAt", { date: dt(meeting.lockedAt) })}` : ""}
        </p>
        <p><MeetingStatusBadge status={meeting.status} /></p>
        <nav aria-label={t("meeting.documents")} className="flex flex-wrap gap-2">
          <a className="btn-secondary" href={`/meetings/${meeting.id}/print`}>{t("meeting.print")}</a>
          <a className="btn-secondary" href={`/meetings/${meeting.id}/agenda.csv`} download>{t("meeting.csv")}</a>
          <a className="btn-secondary" href={`/meetings/${meeting.id}/minutes`}>{t("meeting.minutes")}</a>
        </nav>
      </header>

      {banner ? (
        <div role={banner.ok ? "status" : "alert"} className={banner.ok ? "alert-success" : "alert-error"}>
          {banner.message}
          {banner.conflict ? <> <a href={`/meetings/${meeting.id}`}>{t("common.reload")}</a></> : null}
        </div>
      ) : null}

      <section aria-labelledby="agenda" className="space-y-3">
        <h2 id="agenda" className="text-lg font-bold">{t("meeting.agenda")} <span className="text-sm font-normal text-slate-600">({t("meeting.items", { count: meeting.items.length })})</span></h2>
        {meeting.items.length === 0 ? <p className="card">{t("meeting.agendaEmpty")}</p> : (
          <AgendaTable items={meeting.items} reorder={secretariat && planning && meeting.items.length > 1 ? { version: meeting.version } : null} />
        )}
      </section>

      {secretariat && planning ? (
        <section aria-labelledby="agenda-tools" className="grid gap-4 md:grid-cols-2 md:items-start">
          <h2 id="agenda-tools" className="sr-only">{t("meeting.addItem")}</h2>
          <Form method="post" className="card space-y-2">
            <input type="hidden" name="intent" value="add" />
            <label className="field-label" htmlFor="add-request">{t("meeting.chooseRequest")}</label>
            {eligible.length === 0 ? <p className="text-sm">{t("meeting.noEligible")}</p> : (
              <select id="add-request" name="request" required className="field-input" defaultValue="" aria-describedby="add-hint">
                <option value="" disabled>{t("request.form.choose")}</option>
                {eligible.map((r) => (
                  <option key={r.id} value={`${r.id}:${r.version}`} disabled={!r.coSigned}>
                    {r.reference ? `${r.reference} ` : ""}{r.title ?? t("request.untitled")} · {locale === "ko" ? r.ministry.name : r.ministry.nameEn}
                    {r.coSigned ? "" : ` — ${t("meeting.unsignedReason")}`}
                  </option>
                ))}
              </select>
            )}
            <p id="add-hint" className="text-xs text-slate-600">{t("meeting.addItemHint")}</p>
            <button type="submit" className="btn-primary" disabled={busy || !eligible.some((r) => r.coSigned)}>{t("meeting.addItem")}</button>
          </Form>
          <div className="card space-y-2">
            <details>
              <summary className="btn-secondary cursor-pointer list-none">{t("meeting.lock")}…</summary>
              <Form method="post" className="mt-3 space-y-2">
                <input type="hidden" name="intent" value="lock" />
                <input type="hidden" name="expectedVersion" value={meeting.version} />
                <p className="alert-info" id="lock-warning">{t("meeting.lockConfirm")}</p>
                <button type="submit" className="btn-danger" disabled={busy || meeting.items.length === 0} aria-describedby="lock-warning">{t("meeting.lockConfirmButton")}</button>
              </Form>
            </details>
          </div>
        </section>
      ) : null}

      {locked ? (
        <section aria-labelledby="decisions" className="space-y-3">
          <h2 id="decisions" className="text-lg font-bold">{t("meeting.decisions")}</h2>
          <ol className="space-y-4">
            {meeting.items.map((item, index) => {
              const title = item.request.title ?? t("request.untitled");
              const decision = item.decision;
              const errorHere = inlineDecisionError && actionData?.requestId === item.request.id ? actionData : null;
              return (
                <li key={item.id} className="card space-y-3" data-testid="decision-item" aria-labelledby={`item-${item.id}`}>
                  <h3 id={`item-${item.id}`} className="font-bold">
                    {t("meeting.agendaNo", { n: index + 1 })} <Link to={`/requests/${item.request.id}`}>{title}</Link>
                  </h3>
                  {decision ? (
                    <DecisionSummary quorum={quorum} agreedGpus={item.request.agreedGpus} decision={{
                      ...decision, meeting: { number: meeting.number, date: meeting.date },
                      proposedConditions: decision.proposedConditions.length > 0 ? decision.proposedConditions : decision.conditions.map((c) => ({ text: c.text, dueOn: c.dueOn })),
                    }} />
                  ) : null}
                  {item.request.awaitingDecision && secretariat ? (
                    <AgendaDecisionForm request={{ id: item.request.id, version: item.request.version, title, agreedGpus: item.request.agreedGpus }}
                      error={errorHere?.message} values={errorHere?.values} />
                  ) : !decision ? (
                    <p className="text-sm text-slate-700">{t("meeting.notDecided")} · {td(`workflow.state.${item.request.state}`)}</p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {secretariat && meeting.status === "held" ? (
            <Form method="post" className="card space-y-2">
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="expectedVersion" value={meeting.version} />
              <p className="text-sm" id="publish-hint">{undecided > 0 ? t("meeting.error.undecidedItems", { count: undecided }) : t("meeting.publishHint")}</p>
              <button type="submit" className="btn-primary" disabled={busy || undecided > 0} aria-describedby="publish-hint">{t("meeting.publishMinutes")}</button>
            </Form>
          ) : null}
        </section>
      ) : (
        <p className="text-sm text-slate-700">{t("meeting.awaitingLock")}</p>
      )}
    </article>
  );
}
