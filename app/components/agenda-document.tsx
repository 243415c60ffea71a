import type { ReactNode } from "react";
import { Link } from "react-router";
import { LanguageSwitch } from "~/components/language-switch";
import { useT } from "~/i18n/use-t";
import "./agenda-document.css";

/** Shortens a text to `max` characters (by code point) for a table cell, ending it with "…". */
export function shorten(text: string | null, max = 90): string {
  if (!text) return "";
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

/**
 * A printable document page (agenda, minutes, decision notice) outside the app's layout: a toolbar on
 * screen (back, language, print) that is hidden in print, and the A4 sheet itself.
 */
export function DocumentPage({ back, children }: { back: { to: string; label: string }; children: ReactNode }) {
  const { t } = useT();
  return (
    <>
      <div className="border-b border-slate-300 bg-white print:hidden">
        <div className="mx-auto flex max-w-[210mm] flex-wrap items-center justify-between gap-2 p-3">
          <Link to={back.to}>← {back.label}</Link>
          <div className="flex items-center gap-2">
            <LanguageSwitch />
            <button type="button" className="btn-primary" onClick={() => window.print()}>
              <PrinterIcon /> {t("meeting.printNow")}
            </button>
          </div>
        </div>
      </div>
      <main id="main" className="gov-doc">
        {children}
      </main>
    </>
  );
}

/** A meeting's document, with the way back to the meeting (or, for an officer's minutes, to the requests). */
export function MeetingDocument({ meetingId, children, officer = false }: { meetingId: string; children: ReactNode; officer?: boolean }) {
  const { t } = useT();
  const back = officer ? { to: "/requests", label: t("deliberation.minutes.back") } : { to: `/meetings/${meetingId}`, label: t("meeting.back") };
  return <DocumentPage back={back}>{children}</DocumentPage>;
}

/** A printer drawn as SVG (an emoji renders as an empty box where no emoji font is installed). */
function PrinterIcon() {
  return (
    <svg
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 9V2h12v7" />
      <path d="M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2" />
      <rect x="6" y="14" width="12" height="8" />
    </svg>
  );
}
