-- CreateIndex
CREATE INDEX "DemandRequest_state_submittedAt_idx" ON "DemandRequest"("state", "submittedAt");

