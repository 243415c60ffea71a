import type { Role } from "#workflows/types";
import type { MessageKey } from "~/i18n/messages";

/** Navigation per role (the pages behind each link check the role again on the server). */
export const NAV_BY_ROLE: Record<Role, { to: string; label: MessageKey }[]> = {
  MINISTRY_OFFICER: [
    { to: "/", label: "nav.home" },
  ],
  SECRETARIAT: [
    { to: "/", label: "nav.home" },
  ],
  APPROVER: [
    { to: "/", label: "nav.home" },
  ],
  ADMIN: [
    { to: "/", label: "nav.home" },
  ],
};
