import { getFormProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "react-router";
import { ActionResult } from "~/components/action-result";
import type { Route } from "./+types/meeting-detail";
import { MeetingEditForm, ReasonForm } from "~/components/agenda-corrections";
import { AgendaDecisionForm, type DecisionValues } from "~/components/agenda-decision-form";
import { MeetingHistory } from "~/components/agenda-history";
import { MeetingStatusBadge } from "~/components/agenda-status";
import { AgendaTable } from "~/components/agenda-table";
import { DecisionSummary } from "~/components/decision-summary";
import { ErrorList, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/auth/session.server";
import { handleMeetingForm } from "~/modules/meetings/meeting-form.server";
import { eligibleRequests, getMeeting, meetingHistory } from "~/modules/meetings/meetings.server";
import { signoffQuorum } from "~/utils/config.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";
import { can } from "~/modules/auth/permissions";
import { decisionFormId } from "~/modules/meetings/meeting-options";
import { replyFor, resultFor } from "~/utils/form";

export async function loader({ request, url, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => {
    const meeting = await getMeeting({ user, meetingId: params.id });
    const secretariat = can(user, "meeting:manage");
    const [eligible, history] = await Promise.all([
      secretariat && meeting.status === "planning" ? eligibleRequests({ user }) : null,
      meetingHistory({ user, meetingId: meeting.id }),
    ]);
    return { meeting, eligible, history, secretariat, quorum: signoffQuorum(), created: url.searchParams.has("created") };
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  return handleMeetingForm({ user, locale: await pageLocale(request), meetingId: params.id, form: await readForm(request) });
}

/** The amendment form starts from the version being amended. */
function valuesOf(decision: {
  outcome: string;
  approvedGpus: number;
  note: string | null;
  proposedConditions: { text: string; dueOn: string }[];
}): DecisionValues {
  return { outcome: decision.outcome, approvedGpus: String(decision.approvedGpus), conditions: decision.proposedConditions, note: decision.note ?? "" };
}

export default function MeetingDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { meeting, history, secretariat, quorum, created } = loaderData;
  const eligible = loaderData.eligible?.items ?? [];
  const { t, td, d, dt, n, locale } = useT();
  const busy = useNavigation().state !== "idle";
  const { status } = meeting;
  const planning = status === "planning";
  const decisionsOpen = ["agendaLocked", "held", "minutesPublished"].includes(status);
  const undecided = meeting.items.filter((i) => !i.decision).length;
  // a refused decision is said in its form (kept open); a recorded one in the banner (the form is gone or closed)
  const inline = actionData && !actionData.ok && (actionData.intent === "decide" || actionData.intent === "amend") ? actionData : null;
  const failed = (intent: string) => !!actionData && !actionData.ok && actionData.intent === intent;
  const banner = actionData && !inline && actionData.message ? actionData : created ? { ok: true, conflict: false, message: t("meeting.created") } : null;
  const heading = t("meeting.fullTitle", { number: meeting.number, title: meeting.title });
  const agendaNumber = (n: number) => t("deliberation.meeting.agendaNumber", { meeting: meeting.number, item: n });
  const titleOf = (r: { title: string | null }) => r.title ?? t("request.untitled");
  const [addForm, addFields] = useSchemaForm({ id: "add", form: "agendaAdd", lastResult: resultFor(actionData, "add") });
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p>
          <Link to="/meetings">← {t("meeting.listTitle")}</Link>
        </p>
        <h1 className="page-title">{heading}</h1>
        <p className="text-sm text-slate-700" data-testid="meeting-when">
          {t("deliberation.meeting.when", { date: d(meeting.date), time: meeting.startTime ?? "" }).trim()}
          {" · "}
          {t("deliberation.meeting.where", { place: meeting.place })}
          {meeting.lockedAt ? ` · ${t("meeting.lockedAt", { date: dt(meeting.lockedAt) })}` : ""}
        </p>
        <p className="text-sm text-slate-700" data-testid="meeting-attendees">
          <span className="font-semibold">{t("deliberation.meeting.attendees")}:</span>{" "}
          {meeting.attendees.length > 0 ? meeting.attendees.join(", ") : t("deliberation.meeting.noAttendees")}
        </p>
        <p>
          <MeetingStatusBadge status={status} />
        </p>
        <nav aria-label={t("meeting.documents")} className="flex flex-wrap gap-2">
          <a className="btn-secondary" href={`/meetings/${meeting.id}/print`}>
            {t("meeting.print")}
          </a>
          <a className="btn-secondary" href={`/meetings/${meeting.id}/agenda.csv`} download>
            {t("meeting.csv")}
          </a>
          <a className="btn-secondary" href={`/meetings/${meeting.id}/minutes`}>
            {t("meeting.minutes")}
          </a>
          <a className="btn-secondary" href={`/meetings/${meeting.id}/minutes.pdf`} download>
            {t("reports.exports.minutesPdf")}
          </a>
        </nav>
      </header>

      {status === "cancelled" ? (
        <p className="alert-error" data-testid="meeting-cancelled">
          {t("deliberation.meeting.cancel.notice", { date: meeting.cancelledAt ? dt(meeting.cancelledAt) : "", reason: meeting.cancelReason ?? "" })}
        </p>
      ) : null}

      {banner ? <ActionResult result={banner} reloadHref={`/meetings/${meeting.id}`} clearParam="created" /> : null}

      <section aria-labelledby="agenda" className="space-y-3">
        <h2 id="agenda" className="text-lg font-bold">
          {t("meeting.agenda")} <span className="text-sm font-normal text-slate-600">({t("meeting.items", { count: meeting.items.length })})</span>
        </h2>
        {meeting.items.length === 0 ? (
          <p className="card">{t("meeting.agendaEmpty")}</p>
        ) : (
          <AgendaTable
            items={meeting.items}
            meetingNumber={meeting.number}
            reorder={secretariat && planning && meeting.items.length > 1 ? { version: meeting.version } : null}
          />
        )}
      </section>

      {meeting.removedItems.length > 0 ? (
        <section aria-labelledby="removed" className="card space-y-2">
          <h2 id="removed" className="text-lg font-bold">
            {t("deliberation.meeting.removed.title")}
          </h2>
          <ul className="space-y-1 text-sm" data-testid="removed-items">
            {meeting.removedItems.map((item) => (
              <li key={item.id}>
                <span className="font-mono">{agendaNumber(item.number)}</span>{" "}
                <Link className="underline" to={`/requests/${item.request.id}`}>
                  {titleOf(item.request)}
                </Link>
                {" — "}
                {td(`deliberation.meeting.removed.kind.${item.removal}`)}
                {item.removedAt ? ` · ${dt(item.removedAt)}` : ""}
                {item.removalReason ? (
                  <>
                    {" "}
                    · {t("request.reasons")}: <span className="whitespace-pre-wrap">{item.removalReason}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {secretariat && planning ? (
        <section aria-labelledby="agenda-tools" className="space-y-4">
          <h2 id="agenda-tools" className="sr-only">
            {t("meeting.addItem")}
          </h2>
          <div className="grid gap-4 md:grid-cols-2 md:items-start">
            <Form method="post" {...getFormProps(addForm)} className="card space-y-2">
              <input type="hidden" name="intent" value="add" />
              <label className="field-label" htmlFor={addFields.request.id}>
                {t("meeting.chooseRequest")}
              </label>
              {eligible.length === 0 ? (
                <p className="text-sm">{t("meeting.noEligible")}</p>
              ) : (
                <select
                  id={addFields.request.id}
                  name={addFields.request.name}
                  required
                  className="field-input"
                  defaultValue=""
                  aria-invalid={addFields.request.errors ? true : undefined}
                  aria-describedby={addFields.request.errors ? `${addFields.request.errorId} add-hint` : "add-hint"}
                >
                  <option value="" disabled>
                    {t("request.form.choose")}
                  </option>
                  {eligible.map((r) => (
                    <option key={r.id} value={`${r.id}:${r.version}`} disabled={!r.coSigned}>
                      {r.reference ? `${r.reference} ` : ""}
                      {titleOf(r)} · {locale === "ko" ? r.ministry.name : r.ministry.nameEn}
                      {r.coSigned ? "" : ` — ${t("meeting.unsignedReason")}`}
                    </option>
                  ))}
                </select>
              )}
              <p id="add-hint" className="text-xs text-slate-600">
                {t("meeting.addItemHint")}
              </p>
              {loaderData.eligible?.full ? (
                <p className="text-xs text-slate-600" data-testid="agenda-picker-shown">
                  {t("meeting.pickerShown", { shown: n(eligible.length), total: n(loaderData.eligible?.inJointPlanning ?? 0) })}
                </p>
              ) : null}
              <ErrorList id={addFields.request.errorId} errors={addFields.request.errors} />
              <button type="submit" className="btn-primary" disabled={busy || !eligible.some((r) => r.coSigned)}>
                {t("meeting.addItem")}
              </button>
            </Form>
            <details className="card">
              <summary className="btn-secondary cursor-pointer list-none">{t("meeting.lock")}…</summary>
              <Form method="post" className="mt-3 space-y-2">
                <input type="hidden" name="intent" value="lock" />
                <input type="hidden" name="expectedVersion" value={meeting.version} />
                <p className="alert-info" id="lock-warning">
                  {t("meeting.lockConfirm")}
                </p>
                <button type="submit" className="btn-danger" disabled={busy || meeting.items.length === 0} aria-describedby="lock-warning">
                  {t("meeting.lockConfirmButton")}
                </button>
              </Form>
            </details>
          </div>
          <div className="grid gap-4 md:grid-cols-2 md:items-start">
            <MeetingEditForm meeting={meeting} open={failed("update")} lastResult={resultFor(actionData, "meeting-update")} />
            {meeting.items.length > 0 ? (
              <ReasonForm
                intent="remove"
                version={meeting.version}
                open={failed("remove")}
                lastResult={resultFor(actionData, "meeting-remove")}
                summary={t("deliberation.meeting.remove.title")}
                hint={t("deliberation.meeting.remove.hint")}
                reasonLabel={t("deliberation.meeting.remove.reason")}
                confirm={t("deliberation.meeting.remove.confirm")}
                items={meeting.items.map((i) => ({ value: `${i.request.id}:${i.request.version}`, label: `${agendaNumber(i.number)} ${titleOf(i.request)}` }))}
              />
            ) : null}
          </div>
        </section>
      ) : null}

      {secretariat && status === "agendaLocked" ? (
        <ReasonForm
          intent="unlock"
          version={meeting.version}
          open={failed("unlock")}
          lastResult={resultFor(actionData, "meeting-unlock")}
          summary={t("deliberation.meeting.unlock.title")}
          hint={t("deliberation.meeting.unlock.hint")}
          reasonLabel={t("deliberation.meeting.unlock.reason")}
          confirm={t("deliberation.meeting.unlock.confirm")}
        />
      ) : null}

      {decisionsOpen ? (
        <section aria-labelledby="decisions" className="space-y-3">
          <h2 id="decisions" className="text-lg font-bold">
            {t("meeting.decisions")}
          </h2>
          {!meeting.held ? (
            <p className="alert-info" data-testid="meeting-not-held">
              {t("deliberation.meeting.notHeld", { date: d(meeting.date) })}
            </p>
          ) : null}
          <ol className="space-y-4">
            {meeting.items.map((item, index) => {
              const title = titleOf(item.request);
              const decision = item.decision;
              const earlier = item.decisions.filter((x) => x.status === "amended");
              const formHere = (mode: "decide" | "amend") => {
                const id = decisionFormId(mode, item.request.id);
                return { lastResult: resultFor(actionData, id), said: replyFor(inline, id), reloadHref: `/meetings/${meeting.id}` };
              };
              const amending = inline?.requestId === item.request.id && inline.intent === "amend";
              const agreed = item.request.agreedGpus;
              const view = (x: NonNullable<typeof decision>) => ({
                ...x,
                meeting: { number: meeting.number, date: meeting.date },
                agendaNumber: item.number,
                proposedConditions: x.proposedConditions.length > 0 ? x.proposedConditions : x.conditions.map((c) => ({ text: c.text, dueOn: c.dueOn })),
              });
              return (
                <li key={item.id} className="card space-y-3" data-testid="decision-item" aria-labelledby={`item-${item.id}`}>
                  <h3 id={`item-${item.id}`} className="font-bold">
                    {t("meeting.agendaNo", { n: index + 1 })} <span className="font-mono text-sm">({agendaNumber(item.number)})</span>{" "}
                    <Link className="underline" to={`/requests/${item.request.id}`}>
                      {title}
                    </Link>
                    {item.reconsideration ? (
                      <span className="badge ml-2 bg-violet-100 text-violet-900">{t("deliberation.meeting.reconsideration")}</span>
                    ) : null}
                  </h3>
                  {decision ? <DecisionSummary quorum={quorum} agreedGpus={agreed} decision={view(decision)} /> : null}
                  {earlier.length > 0 ? (
                    <details className="rounded-md border border-slate-200 p-2" data-testid="earlier-versions">
                      <summary className="cursor-pointer text-sm font-semibold">
                        {t("deliberation.meeting.previousVersion")} ({earlier.length})
                      </summary>
                      <div className="mt-2 space-y-3">
                        {earlier.map((x) => (
                          <DecisionSummary key={x.id} quorum={quorum} agreedGpus={agreed} decision={view(x)} />
                        ))}
                      </div>
                    </details>
                  ) : null}
                  {item.request.awaitingDecision && secretariat && meeting.held ? (
                    <AgendaDecisionForm request={{ id: item.request.id, version: item.request.version, title, agreedGpus: agreed }} {...formHere("decide")} />
                  ) : !decision ? (
                    <p className="text-sm text-slate-700">
                      {t("meeting.notDecided")} · {td(`workflow.state.${item.request.state}`)}
                    </p>
                  ) : null}
                  {decision && item.request.amendable && secretariat ? (
                    <details className="rounded-md border border-slate-200 p-3" open={amending || undefined}>
                      <summary className="btn-secondary cursor-pointer list-none">{t("deliberation.meeting.amend.title")}</summary>
                      <p className="mt-2 text-sm text-slate-700">{t("deliberation.meeting.amend.hint")}</p>
                      <div className="mt-2">
                        <AgendaDecisionForm
                          mode="amend"
                          request={{ id: item.request.id, version: item.request.version, title, agreedGpus: agreed }}
                          values={valuesOf(view(decision))}
                          {...formHere("amend")}
                        />
                      </div>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {secretariat && status === "held" ? (
            <Form method="post" className="card space-y-2">
              <input type="hidden" name="intent" value="publish" />
              <input type="hidden" name="expectedVersion" value={meeting.version} />
              <p className="text-sm" id="publish-hint">
                {undecided > 0 ? t("meeting.error.undecidedItems", { count: undecided }) : t("meeting.publishHint")}
              </p>
              <button type="submit" className="btn-primary" disabled={busy || undecided > 0} aria-describedby="publish-hint">
                {t("meeting.publishMinutes")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : planning ? (
        <p className="text-sm text-slate-700">{t("meeting.awaitingLock")}</p>
      ) : null}

      {secretariat && (planning || status === "agendaLocked") ? (
        <ReasonForm
          intent="cancel"
          version={meeting.version}
          open={failed("cancel")}
          lastResult={resultFor(actionData, "meeting-cancel")}
          danger
          summary={t("deliberation.meeting.cancel.title")}
          hint={t("deliberation.meeting.cancel.hint", { count: meeting.items.length })}
          reasonLabel={t("deliberation.meeting.cancel.reason")}
          confirm={t("deliberation.meeting.cancel.confirm")}
        />
      ) : null}

      <MeetingHistory events={history} />
    </article>
  );
}
