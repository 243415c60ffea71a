-- AlterTable
ALTER TABLE "Condition" ADD COLUMN "returnedAt" DATETIME;
ALTER TABLE "Condition" ADD COLUMN "returnedReason" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "startTime" TEXT,
    "title" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "attendees" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'planning',
    "version" INTEGER NOT NULL DEFAULT 1,
    "lockedAt" DATETIME,
    "cancelledAt" DATETIME,
    "cancelReason" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Meeting" ("createdAt", "createdById", "date", "id", "lockedAt", "number", "place", "status", "title", "updatedAt", "version") SELECT "createdAt", "createdById", "date", "id", "lockedAt", "number", "place", "status", "title", "updatedAt", "version" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE UNIQUE INDEX "Meeting_number_key" ON "Meeting"("number");
CREATE TABLE "new_AgendaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "reconsideration" BOOLEAN NOT NULL DEFAULT false,
    "removedAt" DATETIME,
    "removal" TEXT,
    "removalReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgendaItem_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DemandRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- existing items keep their place as their 의안번호 (positions are 1..n per meeting)
INSERT INTO "new_AgendaItem" ("createdAt", "id", "meetingId", "position", "number", "requestId") SELECT "createdAt", "id", "meetingId", "position", "position", "requestId" FROM "AgendaItem";
DROP TABLE "AgendaItem";
ALTER TABLE "new_AgendaItem" RENAME TO "AgendaItem";
CREATE INDEX "AgendaItem_requestId_idx" ON "AgendaItem"("requestId");
CREATE UNIQUE INDEX "AgendaItem_meetingId_requestId_key" ON "AgendaItem"("meetingId", "requestId");
CREATE UNIQUE INDEX "AgendaItem_meetingId_number_key" ON "AgendaItem"("meetingId", "number");
CREATE TABLE "new_Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "approvedGpus" INTEGER NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'awaiting',
    "effectiveAt" DATETIME,
    "recordedById" TEXT NOT NULL,
    "amendsId" TEXT,
    "amendReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Decision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "DemandRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Decision_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Decision_amendsId_fkey" FOREIGN KEY ("amendsId") REFERENCES "Decision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Decision" ("approvedGpus", "createdAt", "effectiveAt", "id", "meetingId", "note", "outcome", "recordedById", "requestId", "status") SELECT "approvedGpus", "createdAt", "effectiveAt", "id", "meetingId", "note", "outcome", "recordedById", "requestId", "status" FROM "Decision";
DROP TABLE "Decision";
ALTER TABLE "new_Decision" RENAME TO "Decision";
CREATE UNIQUE INDEX "Decision_amendsId_key" ON "Decision"("amendsId");
CREATE INDEX "Decision_requestId_idx" ON "Decision"("requestId");
CREATE INDEX "Decision_meetingId_idx" ON "Decision"("meetingId");
CREATE INDEX "Decision_status_idx" ON "Decision"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

