import type { Role } from "#workflows/types";
import type { MessageKey } from "~/i18n/messages";
import { isMinistryScoped, roleCan, ROLES, type Permission } from "~/modules/auth/permissions";

interface NavItem {
  to: string;
  label: MessageKey;
  /** shown only to roles with this permission (the page checks it again on the server) */
  permission: Permission;
}

const NAV: NavItem[] = [
  { to: "/", label: "nav.home", permission: "request:read" },
  { to: "/signoffs", label: "signoff.inboxTitle", permission: "decision:signOff" },
  { to: "/requests", label: "nav.requests", permission: "request:read" },
  { to: "/requests/new", label: "nav.newRequest", permission: "request:create" },
  { to: "/screening", label: "nav.screening", permission: "request:screen" },
  { to: "/meetings", label: "nav.meetings", permission: "meeting:read" },
  { to: "/pool", label: "pool.nav.overview", permission: "pool:read" },
  { to: "/pool/plan", label: "pool.nav.planner", permission: "pool:allocate" },
  { to: "/admin/pool", label: "pool.nav.admin", permission: "pool:manage" },
  { to: "/dashboard", label: "reports.dashboard.nav", permission: "report:read" },
  { to: "/admin/users", label: "notify.users.title", permission: "user:manage" },
  { to: "/audit", label: "notify.audit.title", permission: "audit:read" },
];

/** Navigation per role, from the permission table (app/modules/auth/permissions.ts). */
export const NAV_BY_ROLE = Object.fromEntries(
  ROLES.map((role) => [
    role,
    NAV.filter((item) => roleCan(role, item.permission)).map(({ to, label }) => ({
      to,
      // an officer's list holds only their own ministry's requests
      label: to === "/requests" && isMinistryScoped({ role }) ? ("nav.myRequests" as MessageKey) : label,
    })),
  ]),
) as Record<Role, { to: string; label: MessageKey }[]>;
