/**
 * gzip/brotli for clients that ask for it (the `compression` middleware). A request without
 * `Accept-Encoding` gets no encoding anyway, so it skips the middleware, which otherwise negotiates and
 * wraps every write and end of the answer to leave it as it is (ADR 0051). The answer still says that it
 * varies by `Accept-Encoding`, as the middleware's own would.
 */
import compression from "compression";
import type { RequestHandler } from "express";

export function compressWhenAccepted(): RequestHandler {
  const compress = compression();
  return (req, res, next) => {
    if (req.headers["accept-encoding"]) return compress(req, res, next);
    res.vary("Accept-Encoding");
    next();
  };
}
