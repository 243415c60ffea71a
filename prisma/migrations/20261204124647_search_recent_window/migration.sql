-- DropIndex
DROP INDEX "SearchDocument_organizationId_idx";

-- CreateIndex
CREATE INDEX "SearchDocument_organizationId_updatedAt_idx" ON "SearchDocument"("organizationId", "updatedAt");

-- CreateIndex
CREATE INDEX "SearchDocument_updatedAt_id_idx" ON "SearchDocument"("updatedAt", "id");

