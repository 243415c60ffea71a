import type { Config } from "@react-router/dev/config";

// v8_middleware: the root middleware resolves the user once per request (ADR 0019)
// v8_passThroughRequests: loaders and actions get the request as it came, not two copies of it per
// route (ADR 0056); what they read of the address is React Router's normalized `url`
export default { ssr: true, future: { v8_middleware: true, v8_passThroughRequests: true } } satisfies Config;
