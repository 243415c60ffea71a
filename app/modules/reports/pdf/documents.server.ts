/**
 * The documents people take to and from a meeting, as PDFs: the decision notice of a request, the
 * minutes of a meeting and the co-signed joint plan. Everything is read through the services the
 * pages use (their scope and 404 rules apply); this module only lays the figures out.
 */
import { formatDate, formatDateTime, formatNumber } from "~/i18n/format";
import { translate, translateDynamic } from "~/i18n/translate";
import type { MessageKey, MessageParams } from "~/i18n/messages";
import type { Locale } from "~/i18n/types";
import type { CurrentUser } from "~/modules/auth/session.server";
import { listConditions } from "~/modules/conditions/conditions.server";
import { getMeeting } from "~/modules/meetings/meetings.server";
import { requestDecisions } from "~/modules/meetings/signoffs.server";
import { getPlan } from "~/modules/plans/plans.server";
import { findVisibleRequest } from "~/modules/requests/requests.server";
import { signoffQuorum } from "~/utils/config.server";
import { notFound } from "~/utils/errors";
import { renderPdf } from "./pdf-document.server";

function words(locale: Locale) {
  return {
    t: (key: MessageKey, params?: MessageParams) => translate(locale, key, params),
    td: (key: string, params?: MessageParams) => translateDynamic(locale, key, params),
    n: (value: number) => formatNumber(locale, value),
    d: (value: Date | string) => formatDate(locale, value),
    dt: (value: Date | string) => formatDateTime(locale, value),
  };
}

interface SignoffLike {
  approverName: string | null;
  isChair: boolean;
  verdict: string;
  at: Date;
}

function signoffLines(locale: Locale, signoffs: SignoffLike[]): string[] {
  const { t, td, dt } = words(locale);
  return signoffs.map((s) =>
    t("reports.pdf.decision.signoffLine", {
      name: s.approverName ?? "?",
      chair: s.isChair ? ` (${t("signoff.chair")})` : "",
      verdict: td(`signoff.verdict.${s.verdict}`),
      at: dt(s.at),
    }),
  );
}

/** The decision notice (심의 결과 통지서) of a request whose decision took effect; 404 before that. */
export async function decisionNoticePdf({ user, requestId, locale }: { user: CurrentUser; requestId: string; locale: Locale }) {
  const request = await findVisibleRequest(user, requestId);
  const { decisions } = await requestDecisions({ user, requestId });
  const decision = decisions.filter((d) => d.status === "effective").at(-1);
  if (!decision) throw notFound();
  const [conditions, plan] = await Promise.all([listConditions({ user, requestId }), getPlan({ user, requestId })]);
  const { t, td, n, d, dt } = words(locale);
  const ministry = locale === "ko" ? request.organization.nameKo : request.organization.nameEn;
  const title = t("reports.pdf.decision.title");
  const pdf = await renderPdf({ title: `${title} ${request.reference ?? ""}`.trim(), locale }, (pdf) => {
    pdf.title(title);
    pdf.meta(`${request.reference ?? ""} · ${t("reports.pdf.decision.to", { ministry })}`);
    pdf.paragraph(t("reports.pdf.decision.intro"));
    pdf.fields([
      [t("reports.pdf.decision.request"), [request.reference ?? t("request.noReference"), request.title ?? t("request.untitled")]],
      [t("request.ministry"), ministry],
      [t("reports.pdf.decision.meeting"), t("reports.pdf.decision.meetingValue", { number: decision.meeting.number, date: d(decision.meeting.date) })],
      [t("reports.pdf.decision.outcome"), td(`meeting.outcomes.${decision.outcome}`)],
      [t("reports.pdf.decision.requestedGpus"), request.gpusRequested === null ? "–" : n(request.gpusRequested)],
      [t("reports.pdf.decision.agreedGpus"), plan.agreedGpus === null ? "–" : n(plan.agreedGpus)],
      [t("reports.pdf.decision.approvedGpus"), n(decision.approvedGpus)],
      [
        t("reports.pdf.decision.conditions"),
        conditions.filter((c) => c.decisionId === decision.id).map((c) => t("reports.pdf.decision.conditionLine", { text: c.text, date: d(c.dueOn) })),
      ],
      ...(decision.note ? [[t("reports.pdf.decision.note"), decision.note] as [string, string]] : []),
      [t("reports.pdf.decision.signoffs"), signoffLines(locale, decision.signoffs)],
    ]);
    if (decision.effectiveAt) pdf.paragraph(t("reports.pdf.decision.effectiveAt", { at: dt(decision.effectiveAt) }), { muted: true });
    pdf.space(24);
    pdf.paragraph(d(decision.effectiveAt ?? decision.createdAt), { align: "center" });
    pdf.paragraph(t("reports.pdf.decision.issuer"), { align: "center" });
  });
  return {
    pdf,
    fileName: `${t("reports.exports.fileName.decision")} ${request.reference ?? request.id}`,
    asciiName: `decision-${request.reference ?? request.id}`,
  };
}

/** The minutes (회의록) of a meeting from its recorded decisions; marked as a draft until published. */
export async function minutesPdf({ user, meetingId, locale }: { user: CurrentUser; meetingId: string; locale: Locale }) {
  const meeting = await getMeeting({ user, meetingId });
  const { t, td, n, d } = words(locale);
  const quorum = signoffQuorum();
  const title = t("meeting.minutesTitle", { number: meeting.number, title: meeting.title });
  const pdf = await renderPdf({ title, locale }, (pdf) => {
    pdf.title(title);
    pdf.meta(t("meeting.printMeta", { date: d(meeting.date), place: meeting.place }));
    if (meeting.status !== "minutesPublished") pdf.stamp(t("reports.pdf.minutes.draft"));
    pdf.paragraph(t("meeting.minutesIntro"));
    if (meeting.items.length === 0) pdf.paragraph(t("meeting.agendaEmpty"));
    meeting.items.forEach((item, index) => {
      const ministry = locale === "ko" ? item.request.ministry.name : item.request.ministry.nameEn;
      pdf.heading(`${t("reports.pdf.minutes.item", { n: index + 1 })}  ${item.request.title ?? t("request.untitled")}`);
      pdf.paragraph(`${ministry}${item.request.reference ? ` · ${item.request.reference}` : ""}`, { muted: true });
      const decision = item.decision;
      if (!decision) {
        pdf.fields([[t("meeting.outcome"), t("meeting.notDecided")]]);
        return;
      }
      const conditions = decision.proposedConditions.length > 0 ? decision.proposedConditions : decision.conditions;
      const signed = decision.signoffs.filter((s) => s.verdict === "SIGNED").length;
      pdf.fields([
        [t("meeting.outcome"), td(`meeting.outcomes.${decision.outcome}`)],
        [
          t("meeting.approvedGpus"),
          `${n(decision.approvedGpus)}${item.request.agreedGpus !== null ? ` (${t("meeting.agreedGpus")} ${n(item.request.agreedGpus)})` : ""}`,
        ],
        [
          t("meeting.conditions"),
          conditions.length === 0
            ? t("meeting.noConditions")
            : conditions.map((c) => t("reports.pdf.decision.conditionLine", { text: c.text, date: d(c.dueOn) })),
        ],
        ...(decision.note ? [[t("meeting.note"), decision.note] as [string, string]] : []),
        [
          t("meeting.signoffStatus", { status: td(`signoff.status.${decision.status}`) }),
          [t("signoff.progress", { count: signed, quorum }), ...signoffLines(locale, decision.signoffs)],
        ],
      ]);
    });
    pdf.space(24);
    pdf.paragraph(d(meeting.date), { align: "center" });
    pdf.paragraph(t("meeting.printIssued"), { align: "center" });
  });
  return { pdf, fileName: `${title} ${t("reports.exports.fileName.minutes")}`, asciiName: `meeting-${meeting.number}-minutes` };
}

/** The joint plan (기술개발·실증계획서) at its current revision, with both sides' signatures. */
export async function jointPlanPdf({ user, requestId, locale }: { user: CurrentUser; requestId: string; locale: Locale }) {
  const request = await findVisibleRequest(user, requestId);
  const plan = await getPlan({ user, requestId });
  if (plan.revision === 0) throw notFound();
  const { t, td, n, d, dt } = words(locale);
  const ministry = locale === "ko" ? request.organization.nameKo : request.organization.nameEn;
  const title = t("reports.pdf.plan.title");
  const revision = t("reports.pdf.plan.revision", { revision: plan.revision });
  const pdf = await renderPdf({ title: `${title} ${request.reference ?? ""} ${revision}`.replace(/\s+/g, " "), locale }, (pdf) => {
    pdf.title(title);
    pdf.meta(`${request.reference ?? ""} · ${ministry} · ${revision}`);
    if (!plan.coSigned) pdf.stamp(t("reports.pdf.plan.notCoSigned"));
    pdf.fields([
      [t("reports.pdf.decision.request"), [request.reference ?? t("request.noReference"), request.title ?? t("request.untitled")]],
      [t("request.ministry"), ministry],
      [t("request.sector"), request.sector ? td(`request.sectors.${request.sector}`) : "–"],
      [t("plan.agreedGpus"), plan.agreedGpus === null ? "–" : n(plan.agreedGpus)],
      [t("plan.ministryContact"), plan.ministryContact],
      [t("plan.msitContact"), plan.msitContact],
    ]);
    pdf.heading(t("plan.techDevelopmentPlan"));
    pdf.paragraph(plan.techDevelopmentPlan || "–");
    pdf.heading(t("plan.demonstrationPlan"));
    pdf.paragraph(plan.demonstrationPlan || "–");
    pdf.heading(t("plan.milestones"));
    if (plan.milestones.length === 0) pdf.paragraph("–");
    else pdf.bullets(plan.milestones.map((m) => t("reports.pdf.plan.milestone", { date: d(m.dueOn), title: m.title })));
    pdf.heading(t("plan.kpis"));
    pdf.paragraph(plan.kpis || "–");
    pdf.heading(`${t("reports.pdf.plan.signatures")} (${revision})`);
    pdf.fields(
      (["MINISTRY", "MSIT"] as const).map((side) => {
        const signature = plan.signatures.find((s) => s.side === side);
        const sideName = t(`plan.side.${side}`);
        return [
          sideName,
          signature
            ? t("reports.pdf.plan.signatureLine", { side: side === "MINISTRY" ? ministry : sideName, name: signature.name ?? "?", at: dt(signature.at) })
            : t("reports.pdf.plan.notSigned", { side: sideName }),
        ];
      }),
    );
  });
  return {
    pdf,
    fileName: `${title} ${request.reference ?? request.id} ${revision}`,
    asciiName: `joint-plan-${request.reference ?? request.id}-r${plan.revision}`,
  };
}
