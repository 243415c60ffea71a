import { getFormProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef } from "react";
import { Form, Link, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/request-detail";
import { RefusalNotice, RequestMeetings, ScheduleForm } from "~/components/agenda-request-panel";
import { AllocationsPanel } from "~/components/allocations-panel";
import { AttachmentsPanel, attachmentLimits } from "~/components/attachments-panel";
import { CommentsPanel } from "~/components/comments-panel";
import { ConditionsPanel } from "~/components/conditions-panel";
import { DecisionSummary } from "~/components/decision-summary";
import { NoticeBanner } from "~/components/notice-banner";
import { ActionResult, type ActionResultData } from "~/components/action-result";
import { ReturnReasons } from "~/components/return-reasons";
import { StateBadge } from "~/components/state-badge";
import { workflowDiagramHtml } from "~/components/workflow-diagram.server";
import { showCurrentStep } from "~/components/workflow-diagram-scroll";
import { historyListHtml } from "~/components/request-history.server";
import { requestFieldsHtml } from "~/components/request-fields.server";
import { htmlIsland, useIsland } from "~/utils/prerendered";
import { useRouterLinks } from "~/components/router-links";
import { useT } from "~/i18n/use-t";
import { listAttachments } from "~/modules/attachments/attachments.server";
import { requireUser } from "~/modules/auth/session.server";
import { handleConditionForm, isConditionIntent } from "~/modules/conditions/condition-form.server";
import { CONDITION_STATES, isPending, listConditions } from "~/modules/conditions/conditions.server";
import { meetingsOfRequest, openMeetings } from "~/modules/meetings/meetings.server";
import { requestDecisions } from "~/modules/meetings/signoffs.server";
import { getPlan } from "~/modules/plans/plans.server";
import { listAllocations } from "~/modules/pool/allocations.server";
import { handleEventForm } from "~/modules/requests/page-event.server";
import { eventFormId } from "~/modules/requests/request-options";
import type { PageEventType } from "~/modules/requests/request.schema";
import { getRequestView, requestHistoryPage } from "~/modules/requests/requests.server";
import { forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";
import { can, isMinistryScoped } from "~/modules/auth/permissions";
import { readForm } from "~/utils/api.server";
import { listComments } from "~/modules/comments/comments.server";
import { handleCommentForm } from "~/modules/comments/comment-form.server";
import { pageLinks } from "~/utils/paging";
import { Field, FormErrors, TextareaField, useSchemaForm } from "~/components/forms";
import { replyFor, resultFor } from "~/utils/form";

/** Events that need a form of their own elsewhere (meetings, decisions) are not offered here. */
const PAGE_EVENTS = ["SUBMIT", "RESUBMIT", "WITHDRAW", "ACCEPT", "RETURN", "UNSCHEDULE", "SIGN", "REFUSE_SIGNOFF", "START", "CLOSE"] as const;
const isPageEvent = (event: string): event is (typeof PAGE_EVENTS)[number] => (PAGE_EVENTS as readonly string[]).includes(event);

/**
 * The moves the page offers: its event forms, and scheduling again after a refused sign-off or a
 * reconsideration. Taking a request off a locked agenda is refused by the machine, so it is not offered
 * (the meeting decides). The diagram's "moves you can make now" are these, not every allowed event.
 */
function pageMoves(allowedEvents: readonly string[], lockedMeeting: number | null, refused: boolean) {
  const events = allowedEvents.filter(isPageEvent).filter((e) => !(e === "UNSCHEDULE" && lockedMeeting !== null));
  const scheduling = [
    ...(refused && allowedEvents.includes("SCHEDULE") ? ["SCHEDULE" as const] : []),
    ...(allowedEvents.includes("RECONSIDER") ? ["RECONSIDER" as const] : []),
  ];
  return { events, scheduling, offered: [...events, ...scheduling] };
}

export async function loader({ request, url, context, params }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return forPage(async () => {
    const requestId = params.id;
    const search = url.searchParams;
    const from = Number(search.get("historyFrom"));
    const order = search.get("history") === "oldest" ? "oldest" : "newest";
    const [item, { reached, events, ...history }, plan, decisions, conditions, allocations, attachments, meetings, comments, locale] = await Promise.all([
      getRequestView({ user, requestId }),
      requestHistoryPage({ user, requestId, order, from: Number.isInteger(from) && from > 0 ? from : undefined }),
      getPlan({ user, requestId }),
      requestDecisions({ user, requestId }),
      listConditions({ user, requestId }),
      listAllocations({ user, requestId }),
      listAttachments({ user, requestId }),
      meetingsOfRequest({ user, requestId }),
      listComments({ user, requestId }),
      pageLocale(request),
    ]);
    const deliberation = deliberationOf(item, decisions.decisions, meetings);
    const { offered } = pageMoves(item.allowedEvents, deliberation.lockedMeeting, deliberation.refusal !== null);
    const schedulable = user.role === "SECRETARIAT" && (deliberation.refusal !== null || item.allowedEvents.includes("RECONSIDER"));
    // conditions can be worked on while any is open (also on an allocated request, when configured)
    const conditional = CONDITION_STATES.includes(item.state) && conditions.some(isPending);
    return {
      item,
      // the history and the drawing are HTML to the browser: in the document, or in a navigation's data
      history: { ...history, html: htmlIsland(context, "history", () => historyListHtml(events, locale)) },
      decisions,
      conditions,
      attachments,
      // (the states reached: only the drawing uses them)
      workflowDiagram: htmlIsland(context, "workflow-diagram", () => workflowDiagramHtml({ current: item.state, reached, offered, locale })),
      fields: htmlIsland(context, "request-fields", () => requestFieldsHtml(item, locale)),
      meetings: meetings.items,
      officer: isMinistryScoped(user),
      ...deliberation,
      comments: { comments, canComment: can(user, "request:comment") },
      openMeetings: schedulable ? await openMeetings({ user }) : [],
      allocations: { rows: allocations, canRelease: can(user, "pool:allocate") && ["allocated", "closed"].includes(item.state) },
      plan: { revision: plan.revision, coSigned: plan.coSigned, agreedGpus: plan.agreedGpus, editable: plan.editable },
      conditionRights: {
        canReport: conditional && can(user, "condition:report"),
        canReview: conditional && can(user, "condition:review"),
      },
    };
  });
}

type Decisions = Awaited<ReturnType<typeof requestDecisions>>["decisions"];

/**
 * Where the request stands with its meetings: the refused sign-off it waits on (shown at the top until
 * it is on a meeting again), the locked meeting that keeps the ministry from withdrawing it, and whether
 * a decision is in force (the decision notice).
 */
function deliberationOf(item: { state: string }, decisions: Decisions, meetings: Awaited<ReturnType<typeof meetingsOfRequest>>) {
  const latest = decisions.at(-1);
  const refusedBy = latest?.status === "refused" ? latest.signoffs.find((s) => s.verdict === "REFUSED") : undefined;
  const refusal =
    item.state === "onAgenda" && meetings.currentMeetingId === null && latest && refusedBy
      ? {
          meetingNumber: latest.meeting.number,
          name: refusedBy.approverName ?? "?",
          isChair: refusedBy.isChair,
          at: refusedBy.at,
          reason: refusedBy.comment ?? "",
        }
      : null;
  return { refusal, lockedMeeting: meetings.lockedMeetingNumber, hasNotice: decisions.some((d) => d.status === "effective") };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const locale = await pageLocale(request);
  const form = await readForm(request);
  if (isConditionIntent(form.get("intent"))) return handleConditionForm({ user, locale, form });
  if (form.get("intent") === "comment") return handleCommentForm({ user, locale, requestId: params.id, form });
  return handleEventForm({ user, locale, requestId: params.id, form });
}

/** One workflow event the page offers, with the fields that event needs (Conform: beside each field). */
function EventForm({ type, version, answer, reloadHref }: { type: PageEventType; version: number; answer: unknown; reloadHref: string }) {
  const { t, td } = useT();
  const busy = useNavigation().state !== "idle";
  const id = eventFormId(type);
  const [form, fields] = useSchemaForm({ id, form: `event.${type}`, lastResult: resultFor(answer, id) });
  const said = replyFor(answer as { message?: string } | null, id) as ActionResultData | null;
  const meta = fields as Record<string, FieldMetadata<unknown>>;
  const danger = ["WITHDRAW", "RETURN", "REFUSE_SIGNOFF", "UNSCHEDULE"].includes(type);
  return (
    <Form method="post" {...getFormProps(form)} className="card space-y-2">
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="expectedVersion" value={version} />
      <FormErrors form={form} />
      {type === "REFUSE_SIGNOFF" || type === "UNSCHEDULE" ? (
        <TextareaField meta={meta.reason} label={t("request.reasonLabel")} textareaProps={{ rows: 2 }} />
      ) : null}
      {type === "RETURN" ? <TextareaField meta={meta.reasons} label={t("request.reasonLabel")} hint={t("request.reasonsHint")} /> : null}
      {type === "ACCEPT" ? <Field meta={meta.note} label={t("request.noteLabel")} /> : null}
      {type === "SIGN" ? <Field meta={meta.comment} label={t("request.noteLabel")} /> : null}
      <button type="submit" disabled={busy} className={danger ? "btn-danger" : "btn-primary"}>
        {td(`workflow.event.${type}`)}
      </button>
      {said ? <ActionResult result={said} reloadHref={reloadHref} /> : null}
    </Form>
  );
}

export default function RequestDetail({ loaderData, actionData }: Route.ComponentProps) {
  const {
    item,
    history,
    workflowDiagram,
    plan,
    decisions,
    conditions,
    conditionRights,
    allocations,
    attachments,
    meetings,
    officer,
    refusal,
    lockedMeeting,
    hasNotice,
    openMeetings,
  } = loaderData;
  const [search] = useSearchParams();
  const historyParams = new URLSearchParams();
  if (history.order === "oldest") historyParams.set("history", "oldest");
  for (const key of ["historyFrom", "back"]) for (const v of search.getAll(key)) historyParams.append(key, v);
  const historyPages = pageLinks(historyParams, history.nextFrom, "historyFrom");
  const { t, n, locale } = useT();
  const historyHtml = useIsland("history", history.html);
  const followLink = useRouterLinks();
  const diagramHtml = useIsland("workflow-diagram", workflowDiagram);
  const fieldsHtml = useIsland("request-fields", loaderData.fields);
  // on a narrow screen the drawing scrolls sideways: its current step is brought into view (not the page)
  const diagram = useRef<HTMLDivElement>(null);
  useEffect(() => showCurrentStep(diagram.current), [diagramHtml.dangerouslySetInnerHTML.__html]); // a new drawing: a new figure
  const { events, scheduling } = pageMoves(item.allowedEvents, lockedMeeting, refusal !== null);
  const reconsiderable = item.allowedEvents.includes("RECONSIDER");
  // the answer to an event form is shown in that form when it is still on the page, else at the top
  const actedType = actionData && "type" in actionData && typeof actionData.type === "string" ? actionData.type : undefined;
  const inForm = !!actedType && ([...events, ...scheduling] as string[]).includes(actedType);
  const lastReturn = history.lastReturn;
  return (
    <article className="space-y-6">
      <header>
        <p className="font-mono text-sm text-slate-600">
          {item.reference ?? t("request.noReference")} · {locale === "ko" ? item.ministry.name : item.ministry.nameEn}
        </p>
        <h1 className="page-title mt-1">{item.title ?? t("request.untitled")}</h1>
        {["draft", "revision"].includes(item.state) && item.allowedEvents.some((e) => e === "SUBMIT" || e === "RESUBMIT") ? (
          <p className="mt-2">
            <a className="btn-secondary" href={`/requests/${item.id}/edit`}>
              {t("request.form.edit")}
            </a>
          </p>
        ) : null}
        <p className="mt-2" data-testid="request-state">
          <StateBadge state={item.state} detail={item.stateDetail} />
        </p>
        {hasNotice ? (
          <p className="mt-2">
            <a className="btn-secondary" href={`/requests/${item.id}/decision`}>
              {t("deliberation.request.decisionNotice")}
            </a>
          </p>
        ) : null}
      </header>

      {refusal ? <RefusalNotice refusal={refusal} /> : null}

      {actionData ? null : <NoticeBanner />}
      {actionData?.message && actedType && !inForm ? <ActionResult result={actionData} reloadHref={`/requests/${item.id}`} /> : null}

      {item.state === "revision" && lastReturn ? <ReturnReasons reasons={(lastReturn.payload.reasons as string[] | undefined) ?? []} /> : null}

      {plan.revision > 0 || item.state === "jointPlanning" ? (
        <section aria-labelledby="plan-link" className="card flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 id="plan-link" className="text-lg font-bold">
              {t("plan.title")}
            </h2>
            <p className="text-sm" data-testid="plan-status">
              {plan.revision > 0 ? t("plan.revision", { revision: plan.revision }) : t("plan.noRevision")}
              {plan.agreedGpus ? ` · ${t("plan.agreedGpus")} ${n(plan.agreedGpus)}` : ""}
              {" · "}
              {plan.coSigned ? t(item.state === "jointPlanning" ? "plan.coSigned" : "plan.coSignedShort") : t("plan.notCoSigned")}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {plan.revision > 0 ? (
              <a className="btn-secondary" href={`/requests/${item.id}/plan.pdf`} download>
                {t("reports.exports.planPdf")}
              </a>
            ) : null}
            <Link className={plan.editable ? "btn-primary" : "btn-secondary"} to={`/requests/${item.id}/plan`}>
              {t("plan.open")}
            </Link>
          </div>
        </section>
      ) : null}

      <RequestMeetings items={meetings} officer={officer} />

      {decisions.decisions.length > 0 ? (
        <section aria-labelledby="decisions" className="card space-y-3">
          <h2 id="decisions" className="text-lg font-bold">
            {t("signoff.decisions")}
          </h2>
          {decisions.decisions.map((dcs) => (
            <DecisionSummary key={dcs.id} decision={dcs} quorum={decisions.quorum} agreedGpus={plan.agreedGpus} />
          ))}
          {decisions.decisions.some((dcs) => dcs.status === "effective") ? (
            <p>
              <a className="btn-secondary" href={`/requests/${item.id}/decision.pdf`} download data-testid="decision-pdf">
                {t("reports.exports.decisionPdf")}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}

      <ConditionsPanel
        requestId={item.id}
        conditions={conditions}
        canReport={conditionRights.canReport}
        canReview={conditionRights.canReview}
        answer={actionData}
        limits={attachmentLimits(attachments.maxBytes, attachments.maxFiles)}
      />

      <AllocationsPanel allocations={allocations.rows} approvedGpus={item.approvedGpus} canRelease={allocations.canRelease} />

      <section aria-labelledby="actions">
        <h2 id="actions" className="text-lg font-bold">
          {t("request.actions")}
        </h2>
        {events.length === 0 && !refusal && !reconsiderable ? (
          <p className="mt-2 text-sm">{t("request.noActions")}</p>
        ) : (
          <div className="mt-2 grid gap-3 md:grid-cols-2">
            {events.map((e) =>
              e !== "WITHDRAW" ? (
                <EventForm key={e} type={e} version={item.version} answer={actionData} reloadHref={`/requests/${item.id}`} />
              ) : lockedMeeting !== null ? (
                <p key={e} className="card text-sm" data-testid="withdraw-locked">
                  {t("deliberation.request.withdrawLocked", { meeting: t("meeting.numbered", { number: lockedMeeting }) })}
                </p>
              ) : (
                <p key={e} className="card">
                  <Link className="btn-danger" to={`/requests/${item.id}/withdraw`}>
                    {t("request.withdraw.open")}
                  </Link>
                </p>
              ),
            )}
            {scheduling.map((kind) => (
              <ScheduleForm key={kind} kind={kind} version={item.version} meetings={openMeetings} answer={actionData} reloadHref={`/requests/${item.id}`} />
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="workflow">
        <h2 id="workflow" className="text-lg font-bold">
          {t("request.workflow")}
        </h2>
        {/* the server's drawing (workflow-diagram.server.tsx): the browser shows it and never renders it */}
        <div className="mt-2" ref={diagram} {...diagramHtml} />
      </section>

      <section aria-labelledby="fields" className="card">
        <h2 id="fields" className="text-lg font-bold">
          {t("request.fields")}
        </h2>
        {/* the server's HTML, rendered once per kept request and language (ADR 0059): the browser only shows it;
            on a phone each term above its detail */}
        <dl
          className="mt-2 grid grid-cols-1 gap-x-6 text-sm sm:grid-cols-[minmax(0,max-content)_minmax(0,1fr)] sm:gap-y-2 [&_dd]:mb-2 [&_dd]:[overflow-wrap:anywhere] sm:[&_dd]:mb-0"
          {...fieldsHtml}
        />
      </section>

      <AttachmentsPanel requestId={item.id} {...attachments} />

      <CommentsPanel {...loaderData.comments} />

      {/* its links are plain anchors routed by one click handler, as in the header (ADR 0048) */}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-noninteractive-element-interactions -- routes its anchors */}
      <section aria-labelledby="history" onClick={followLink}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="history" className="text-lg font-bold">
            {t("request.history")}
          </h2>
          {/* the order is in the address: a plain link, so it works without JavaScript */}
          <nav aria-label={t("request.historyOrder")} className="flex gap-1 text-sm" data-testid="history-order">
            {(["newest", "oldest"] as const).map((o) => (
              <a
                key={o}
                href={o === "newest" ? `/requests/${item.id}#history` : `/requests/${item.id}?history=oldest#history`}
                data-discover="true"
                data-prevent-scroll-reset=""
                aria-current={history.order === o ? "true" : undefined}
                className={`badge border ${history.order === o ? "border-gov-700 bg-gov-700 text-white" : "border-slate-300 bg-white text-slate-800"}`}
              >
                {o === "newest" ? t("request.historyNewestFirst") : t("request.historyOldestFirst")}
              </a>
            ))}
          </nav>
        </div>
        {/* the server's HTML, rendered once per kept page of history and language (ADR 0049): the browser only shows it */}
        <ol className="mt-2 space-y-2" data-testid="history" {...historyHtml} />
        {historyPages.prev || historyPages.next ? (
          <nav aria-label={t("request.historyPages")} className="mt-2 flex gap-4 text-sm" data-testid="history-pages">
            {historyPages.prev ? (
              <a href={`/requests/${item.id}${historyPages.prev}#history`} data-discover="true">
                ← {t("request.prev")}
              </a>
            ) : null}
            {historyPages.next ? (
              <a href={`/requests/${item.id}${historyPages.next}#history`} data-discover="true">
                {t("request.next")} →
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </article>
  );
}
