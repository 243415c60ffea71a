/**
 * A response whose whole body the app already holds as one buffer (an HTML document, ADR 0042): the
 * server writes that buffer to the socket instead of reading the body back as a stream (ADR 0051).
 * The mark is a registered symbol, so the app's bundle and the server's agree on it.
 */
const WHOLE_BODY = Symbol.for("ax-demand.whole-body");

/** A response with `body` (bytes), marked as whole. */
export function wholeResponse(body: Uint8Array<ArrayBuffer>, init: ResponseInit): Response {
  const response = new Response(body, init);
  Object.defineProperty(response, WHOLE_BODY, { value: body });
  return response;
}

/** The buffer of a response made by `wholeResponse`, or undefined for any other response. */
export function wholeBodyOf(response: Response): Uint8Array | undefined {
  return (response as Response & { [WHOLE_BODY]?: Uint8Array })[WHOLE_BODY];
}
