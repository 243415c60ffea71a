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

    CONSTRAINT "RequestCube_pkey" PRIMARY KEY ("state","organizationId","sector","domain","npu","desiredStartMonth")
);


-- Kept by a trigger (ADR 0055): every insert, change of a counted column, and delete of a request.
CREATE FUNCTION "DemandRequest_cube"() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE "RequestCube" SET "count" = "count" - 1, "gpusRequested" = "gpusRequested" - COALESCE(OLD."gpusRequested", 0), "approvedGpus" = "approvedGpus" - COALESCE(OLD."approvedGpus", 0)
        WHERE "state" = OLD."state" AND "organizationId" = OLD."organizationId" AND "sector" = COALESCE(OLD."sector", '') AND "domain" = COALESCE(OLD."domain", '')
            AND "npu" = CASE WHEN OLD."npuCapable" IS NULL THEN -1 WHEN OLD."npuCapable" THEN 1 ELSE 0 END AND "desiredStartMonth" = COALESCE(OLD."desiredStartMonth", '');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO "RequestCube" ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth", "count", "gpusRequested", "approvedGpus")
        VALUES (NEW."state", NEW."organizationId", COALESCE(NEW."sector", ''), COALESCE(NEW."domain", ''),
            CASE WHEN NEW."npuCapable" IS NULL THEN -1 WHEN NEW."npuCapable" THEN 1 ELSE 0 END, COALESCE(NEW."desiredStartMonth", ''),
            1, COALESCE(NEW."gpusRequested", 0), COALESCE(NEW."approvedGpus", 0))
        ON CONFLICT ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth") DO UPDATE SET
            "count" = "RequestCube"."count" + 1, "gpusRequested" = "RequestCube"."gpusRequested" + EXCLUDED."gpusRequested",
            "approvedGpus" = "RequestCube"."approvedGpus" + EXCLUDED."approvedGpus";
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER "DemandRequest_cube" AFTER INSERT OR DELETE OR UPDATE OF "state", "organizationId", "sector", "domain", "npuCapable", "desiredStartMonth", "gpusRequested", "approvedGpus"
    ON "DemandRequest" FOR EACH ROW EXECUTE FUNCTION "DemandRequest_cube"();

-- The requests so far.
INSERT INTO "RequestCube" ("state", "organizationId", "sector", "domain", "npu", "desiredStartMonth", "count", "gpusRequested", "approvedGpus")
SELECT "state", "organizationId", COALESCE("sector", ''), COALESCE("domain", ''),
    CASE WHEN "npuCapable" IS NULL THEN -1 WHEN "npuCapable" THEN 1 ELSE 0 END, COALESCE("desiredStartMonth", ''),
    COUNT(*), COALESCE(SUM("gpusRequested"), 0), COALESCE(SUM("approvedGpus"), 0)
FROM "DemandRequest"
GROUP BY 1, 2, 3, 4, 5, 6;
