import type { Config } from "@react-router/dev/config";

// v8_middleware: the root middleware resolves the user once per request (ADR 0019)
export default { ssr: true, future: { v8_middleware: true } } satisfies Config;
