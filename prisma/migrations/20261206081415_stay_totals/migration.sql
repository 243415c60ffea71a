-- CreateTable
CREATE TABLE "StayTotal" (
    "state" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "ended" INTEGER NOT NULL DEFAULT 0,
    "sumDays" REAL NOT NULL DEFAULT 0,
    "maxDays" REAL,
    "current" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("state", "organizationId", "sector", "domain")
);

-- CreateTable
CREATE TABLE "ScreeningDecisionDays" (
    "organizationId" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "enteredOn" TEXT NOT NULL,
    "decidedOn" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("organizationId", "sector", "domain", "enteredOn", "decidedOn")
);


-- The totals of the audit log so far (ADR 0054): the recount of app/modules/stats/stay-totals.sql.ts
WITH s AS (
  SELECT e."requestId", e."toState" AS "state", e."at" AS "enteredAt",
LEAD(e."at") OVER (PARTITION BY e."requestId" ORDER BY e."seq") AS "leftAt",
LEAD(e."toState") OVER (PARTITION BY e."requestId" ORDER BY e."seq") AS "nextState"
  FROM "AuditEvent" e
  WHERE e."requestId" IS NOT NULL AND e."toState" IS NOT NULL AND (e."fromState" IS NULL OR e."fromState" <> e."toState"))
INSERT INTO "StayTotal" ("state", "organizationId", "sector", "domain", "ended", "sumDays", "maxDays", "current")
SELECT s."state", r."organizationId", COALESCE(r."sector", ''), COALESCE(r."domain", ''),
  COUNT(s."leftAt"), COALESCE(SUM((julianday(s."leftAt") - julianday(s."enteredAt"))), 0), MAX((julianday(s."leftAt") - julianday(s."enteredAt"))),
  SUM(CASE WHEN s."leftAt" IS NULL THEN 1 ELSE 0 END)
FROM s JOIN "DemandRequest" r ON r."id" = s."requestId"
GROUP BY s."state", r."organizationId", COALESCE(r."sector", ''), COALESCE(r."domain", '');

WITH s AS (
  SELECT e."requestId", e."toState" AS "state", e."at" AS "enteredAt",
LEAD(e."at") OVER (PARTITION BY e."requestId" ORDER BY e."seq") AS "leftAt",
LEAD(e."toState") OVER (PARTITION BY e."requestId" ORDER BY e."seq") AS "nextState"
  FROM "AuditEvent" e
  WHERE e."requestId" IS NOT NULL AND e."toState" IS NOT NULL AND (e."fromState" IS NULL OR e."fromState" <> e."toState"))
INSERT INTO "ScreeningDecisionDays" ("organizationId", "sector", "domain", "enteredOn", "decidedOn", "count")
SELECT r."organizationId", COALESCE(r."sector", ''), COALESCE(r."domain", ''),
  date(s."enteredAt", '+9 hours'), date(s."leftAt", '+9 hours'), COUNT(*)
FROM s JOIN "DemandRequest" r ON r."id" = s."requestId"
WHERE s."state" = 'screening' AND s."nextState" IN ('jointPlanning', 'revision')
GROUP BY r."organizationId", COALESCE(r."sector", ''), COALESCE(r."domain", ''),
  date(s."enteredAt", '+9 hours'), date(s."leftAt", '+9 hours');

