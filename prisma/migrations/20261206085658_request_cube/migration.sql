-- CreateTable
CREATE TABLE "RequestCube" (
    "state" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "npu" INTEGER NOT NULL,
    "desiredStartMonth" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "gpusRequested" INTEGER NOT NULL DEFAULT 0,
    "approvedGpus" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth")
);


-- Kept by triggers (ADR 0055): every insert, change of a counted column, and delete of a request.
CREATE TRIGGER "DemandRequest_cube_insert" AFTER INSERT ON "DemandRequest" BEGIN
    INSERT INTO "RequestCube" ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth", "count", "gpusRequested", "approvedGpus")
    VALUES (new."state", new."organizationId", COALESCE(new."sector", ''), COALESCE(new."domain", ''),
        CASE WHEN new."npuCapable" IS NULL THEN -1 WHEN new."npuCapable" THEN 1 ELSE 0 END, COALESCE(new."desiredStartMonth", ''),
        1, COALESCE(new."gpusRequested", 0), COALESCE(new."approvedGpus", 0))
    ON CONFLICT ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth") DO UPDATE SET
        "count" = "count" + excluded."count", "gpusRequested" = "gpusRequested" + excluded."gpusRequested", "approvedGpus" = "approvedGpus" + excluded."approvedGpus";
END;
CREATE TRIGGER "DemandRequest_cube_update" AFTER UPDATE OF "state", "organizationId", "sector", "domain", "npuCapable", "desiredStartMonth", "gpusRequested", "approvedGpus" ON "DemandRequest" BEGIN
    UPDATE "RequestCube" SET "count" = "count" - 1, "gpusRequested" = "gpusRequested" - COALESCE(old."gpusRequested", 0), "approvedGpus" = "approvedGpus" - COALESCE(old."approvedGpus", 0)
    WHERE "state" = old."state" AND "organizationId" = old."organizationId" AND "sector" = COALESCE(old."sector", '') AND "domain" = COALESCE(old."domain", '')
        AND "npu" = CASE WHEN old."npuCapable" IS NULL THEN -1 WHEN old."npuCapable" THEN 1 ELSE 0 END AND "desiredStartMonth" = COALESCE(old."desiredStartMonth", '');
    INSERT INTO "RequestCube" ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth", "count", "gpusRequested", "approvedGpus")
    VALUES (new."state", new."organizationId", COALESCE(new."sector", ''), COALESCE(new."domain", ''),
        CASE WHEN new."npuCapable" IS NULL THEN -1 WHEN new."npuCapable" THEN 1 ELSE 0 END, COALESCE(new."desiredStartMonth", ''),
        1, COALESCE(new."gpusRequested", 0), COALESCE(new."approvedGpus", 0))
    ON CONFLICT ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth") DO UPDATE SET
        "count" = "count" + excluded."count", "gpusRequested" = "gpusRequested" + excluded."gpusRequested", "approvedGpus" = "approvedGpus" + excluded."approvedGpus";
END;
CREATE TRIGGER "DemandRequest_cube_delete" AFTER DELETE ON "DemandRequest" BEGIN
    UPDATE "RequestCube" SET "count" = "count" - 1, "gpusRequested" = "gpusRequested" - COALESCE(old."gpusRequested", 0), "approvedGpus" = "approvedGpus" - COALESCE(old."approvedGpus", 0)
    WHERE "state" = old."state" AND "organizationId" = old."organizationId" AND "sector" = COALESCE(old."sector", '') AND "domain" = COALESCE(old."domain", '')
        AND "npu" = CASE WHEN old."npuCapable" IS NULL THEN -1 WHEN old."npuCapable" THEN 1 ELSE 0 END AND "desiredStartMonth" = COALESCE(old."desiredStartMonth", '');
END;

-- The requests so far.
INSERT INTO "RequestCube" ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth", "count", "gpusRequested", "approvedGpus")
SELECT "state", "organizationId", COALESCE("sector", ''), COALESCE("domain", ''),
    CASE WHEN "npuCapable" IS NULL THEN -1 WHEN "npuCapable" THEN 1 ELSE 0 END, COALESCE("desiredStartMonth", ''),
    COUNT(*), COALESCE(SUM("gpusRequested"), 0), COALESCE(SUM("approvedGpus"), 0)
FROM "DemandRequest"
GROUP BY 1, 2, 3, 4, 5, 6;
