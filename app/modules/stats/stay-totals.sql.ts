/**
 * The recount of the maintained time-in-state tables (StayTotal, ScreeningDecisionDays; ADR 0054) from
 * the audit log, apart from the service so that scripts can use it without creating the app's database
 * client (the benchmarks import it before they choose their database). The migration that made the
 * tables ran the same statements once. Recounts after rows were written around the services (a
 * benchmark's bulk insert), and is what the tests compare the maintained rows with.
 *
 * A stay: an audit event that puts a request in a state (one that changes it, or the first), until the
 * request's next such event (the next state and when). A request is counted under its current ministry,
 * sector and domain ("" for none).
 */
export type Engine = "sqlite" | "postgresql";

const STAYS = `
  SELECT e."requestId", e."toState" AS "state", e."at" AS "enteredAt",
    LEAD(e."at") OVER (PARTITION BY e."requestId" ORDER BY e."seq") AS "leftAt",
    LEAD(e."toState") OVER (PARTITION BY e."requestId" ORDER BY e."seq") AS "nextState"
  FROM "AuditEvent" e
  WHERE e."requestId" IS NOT NULL AND e."toState" IS NOT NULL AND (e."fromState" IS NULL OR e."fromState" <> e."toState")`;

const days = (engine: Engine) =>
  engine === "postgresql" ? `(EXTRACT(EPOCH FROM (s."leftAt" - s."enteredAt")) / 86400.0)` : `(julianday(s."leftAt") - julianday(s."enteredAt"))`;

const koreanDay = (engine: Engine, instant: string) =>
  engine === "postgresql" ? `to_char(${instant} + INTERVAL '9 hours', 'YYYY-MM-DD')` : `date(${instant}, '+9 hours')`;

export function recountStayTotalsSql(engine: Engine): string[] {
  return [
    'DELETE FROM "StayTotal"',
    'DELETE FROM "ScreeningDecisionDays"',
    `WITH s AS (${STAYS})
    INSERT INTO "StayTotal" ("state", "organizationId", "sector", "domain", "ended", "sumDays", "maxDays", "current")
    SELECT s."state", r."organizationId", COALESCE(r."sector", ''), COALESCE(r."domain", ''),
      COUNT(s."leftAt"), COALESCE(SUM(${days(engine)}), 0), MAX(${days(engine)}),
      SUM(CASE WHEN s."leftAt" IS NULL THEN 1 ELSE 0 END)
    FROM s JOIN "DemandRequest" r ON r."id" = s."requestId"
    GROUP BY s."state", r."organizationId", COALESCE(r."sector", ''), COALESCE(r."domain", '')`,
    `WITH s AS (${STAYS})
    INSERT INTO "ScreeningDecisionDays" ("organizationId", "sector", "domain", "enteredOn", "decidedOn", "count")
    SELECT r."organizationId", COALESCE(r."sector", ''), COALESCE(r."domain", ''),
      ${koreanDay(engine, 's."enteredAt"')}, ${koreanDay(engine, 's."leftAt"')}, COUNT(*)
    FROM s JOIN "DemandRequest" r ON r."id" = s."requestId"
    WHERE s."state" = 'screening' AND s."nextState" IN ('jointPlanning', 'revision')
    GROUP BY r."organizationId", COALESCE(r."sector", ''), COALESCE(r."domain", ''),
      ${koreanDay(engine, 's."enteredAt"')}, ${koreanDay(engine, 's."leftAt"')}`,
  ];
}
