-- The deployment gate names the incident that paused a system (its latest SYSTEM_PAUSED entry):
-- look entries up by system instead of scanning the timeline table.
CREATE INDEX "IncidentEntry_systemId_at_idx" ON "IncidentEntry"("systemId", "at");
