/**
 * A request's automatic screening checks, as the screening queue shows them in its last column. A pure
 * function of the checks and the language (no hooks, no router components), so the server renders each
 * once per kept queue (screening-checklist.server.tsx, ADR 0037) and the page sends the HTML.
 */
import type { Translator } from "~/i18n/use-t";
import type { MessageParams } from "~/i18n/messages";
import type { CheckResult } from "~/modules/screening/checklist";

export function ScreeningChecklist({ checklist, tr }: { checklist: { ok: boolean; checks: CheckResult[] }; tr: Translator }) {
  const { t, td, n } = tr;
  // numbers in the messages' parameters in the reader's format (a duration in months stays as it is)
  const fmt = (params?: MessageParams) =>
    params && Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" && k !== "months" ? n(v) : v]));
  return (
    <>
      <p className={`mb-1 text-xs font-bold ${checklist.ok ? "text-green-800" : "text-red-800"}`}>
        {checklist.ok ? t("screening.allPassed") : t("screening.needsLook", { count: checklist.checks.filter((c) => !c.ok).length })}
      </p>
      <ul className="space-y-0.5 text-xs" data-testid="checklist">
        {checklist.checks.map((c) => (
          <li key={c.key} className={c.ok ? "text-slate-700" : "font-semibold text-red-800"} data-check={c.key} data-ok={c.ok}>
            <span aria-hidden="true">{c.ok ? "✓ " : "✗ "}</span>
            {td(`screening.check.${c.key}`)}
            <span className="sr-only"> ({c.ok ? t("screening.checkPass") : t("screening.checkFail")})</span>
            {c.missing?.length
              ? `: ${c.missing.map((f) => td(`request.form.${f}`)).join(", ")}`
              : c.detail
                ? `: ${td(c.detail.key, fmt(c.detail.params))}`
                : null}
          </li>
        ))}
      </ul>
    </>
  );
}
