-- CreateIndex
CREATE INDEX "DemandRequest_state_organizationId_sector_domain_npuCapable_gpusRequested_idx" ON "DemandRequest"("state", "organizationId", "sector", "domain", "npuCapable", "gpusRequested");

