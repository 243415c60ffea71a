/**
 * Structured logs: one JSON line per event on stdout (pino), each HTTP request with its id (taken from a
 * trusted proxy's `X-Request-Id` or made here, and echoed in the response), method, path (never the
 * query string, which can hold search words), status, duration and client address.
 * `LOG_LEVEL` (default `info`; `silent` turns it off).
 */
import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { pino } from "pino";

export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "ax-demand" },
  timestamp: pino.stdTimeFunctions.isoTime,
});

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestLog(): RequestHandler {
  return (req, res, next) => {
    const given = req.app.get("trust proxy") ? req.get("x-request-id") : undefined;
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.locals.requestId = id;
    res.setHeader("X-Request-Id", id);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = { reqId: id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10, ip: req.ip };
      if (res.statusCode >= 500) log.error(entry, "request");
      else log.info(entry, "request");
    });
    next();
  };
}
