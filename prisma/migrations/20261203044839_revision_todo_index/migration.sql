-- CreateIndex
CREATE INDEX "DemandRequest_organizationId_state_updatedAt_idx" ON "DemandRequest"("organizationId", "state", "updatedAt");

