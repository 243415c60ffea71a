-- CreateTable
CREATE TABLE "RequestStateCount" (
    "organizationId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("organizationId", "state")
);


-- The counts of the requests already there (portable SQL).
INSERT INTO "RequestStateCount" ("organizationId", "state", "count")
SELECT "organizationId", "state", COUNT(*) FROM "DemandRequest" GROUP BY "organizationId", "state";
