import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";

export default [
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("lang", "routes/lang.tsx"),
  layout("routes/app-layout.tsx", [
    index("routes/home.tsx"),
    route("requests", "routes/requests.tsx"),
    route("requests/new", "routes/request-new.tsx"),
    route("requests/:id", "routes/request-detail.tsx"),
    route("requests/:id/edit", "routes/request-edit.tsx"),
  ]),
  ...prefix("api/v1", [
    route("session", "routes/api/session.ts"),
    route("requests", "routes/api/requests.ts"),
    route("requests/:id", "routes/api/request.ts"),
    route("requests/:id/events", "routes/api/request-events.ts"),
    route("requests/:id/history", "routes/api/request-history.ts"),
    route("requests/:id/plan", "routes/api/plan.ts"),
    route("requests/:id/plan/sign", "routes/api/plan-sign.ts"),
    route("requests/:id/plan/revisions", "routes/api/plan-revisions.ts"),
    route("requests/:id/decisions", "routes/api/request-decisions.ts"),
    route("conditions/:id/:step", "routes/api/condition-action.ts"),
    route("meetings", "routes/api/meetings.ts"),
    route("meetings/:id", "routes/api/meeting.ts"),
    route("meetings/:id/agenda", "routes/api/meeting-agenda.ts"),
    route("meetings/:id/:step", "routes/api/meeting-step.ts"),
    route("signoffs", "routes/api/signoffs.ts"),
    route("audit/verify", "routes/api/audit-verify.ts"),
    route("tokens", "routes/api/tokens.ts"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
