import { type RouteConfig, index, layout, prefix, route } from "@react-router/dev/routes";

export default [
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("lang", "routes/lang.tsx"),
  layout("routes/app-layout.tsx", [
    index("routes/home.tsx"),
  ]),
  ...prefix("api/v1", [
    route("session", "routes/api/session.ts"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
