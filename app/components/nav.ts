import type { Role } from "#workflows/types";
import type { MessageKey } from "~/i18n/messages";

/** Navigation per role (the pages behind each link check the role again on the server). */
export const NAV_BY_ROLE: Record<Role, { to: string; label: MessageKey }[]> = {
  MINISTRY_OFFICER: [
    { to: "/", label: "nav.home" },
    { to: "/requests", label: "nav.myRequests" },
    { to: "/requests/new", label: "nav.newRequest" },
    { to: "/dashboard", label: "reports.dashboard.nav" },
  ],
  SECRETARIAT: [
    { to: "/", label: "nav.home" },
    { to: "/requests", label: "nav.requests" },
    { to: "/screening", label: "nav.screening" },
    { to: "/meetings", label: "nav.meetings" },
    { to: "/pool", label: "pool.nav.overview" },
    { to: "/pool/plan", label: "pool.nav.planner" },
    { to: "/dashboard", label: "reports.dashboard.nav" },
  ],
  APPROVER: [
    { to: "/", label: "nav.home" },
    { to: "/signoffs", label: "signoff.inboxTitle" },
    { to: "/requests", label: "nav.requests" },
    { to: "/meetings", label: "nav.meetings" },
    { to: "/pool", label: "pool.nav.overview" },
    { to: "/dashboard", label: "reports.dashboard.nav" },
  ],
  ADMIN: [
    { to: "/", label: "nav.home" },
    { to: "/requests", label: "nav.requests" },
    { to: "/meetings", label: "nav.meetings" },
    { to: "/pool", label: "pool.nav.overview" },
    { to: "/admin/pool", label: "pool.nav.admin" },
    { to: "/dashboard", label: "reports.dashboard.nav" },
  ],
};
