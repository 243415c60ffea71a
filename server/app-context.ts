import "react-router";

declare module "react-router" {
  interface AppLoadContext {
    /** The client's address as the server saw it (for per-client sign-in limits). */
    clientIp: string;
  }
}

export {};
