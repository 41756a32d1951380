-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'TRIAGED', 'CONTAINED', 'RESOLVED', 'CLOSED');

-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('SEV1', 'SEV2', 'SEV3', 'SEV4');

-- CreateEnum
CREATE TYPE "IncidentCategory" AS ENUM ('PROMPT_INJECTION', 'JAILBREAK', 'SENSITIVE_DATA_DISCLOSURE', 'DATA_MODEL_POISONING', 'MODEL_THEFT_EXTRACTION', 'SUPPLY_CHAIN_COMPROMISE', 'UNSAFE_TOOL_ACTION', 'UNSAFE_MODEL_LOADING', 'DENIAL_OF_SERVICE_COST', 'DRIFT_BEHAVIOUR_CHANGE', 'VENDOR_CHANGE_COMPROMISE', 'OTHER');

-- CreateEnum
CREATE TYPE "IncidentEntryKind" AS ENUM ('REPORTED', 'NOTE', 'ACTION', 'STATUS_CHANGED', 'SYSTEM_PAUSED', 'SYSTEM_RESUMED', 'NOTIFICATION_DONE', 'FOLLOW_UP_OPENED', 'DETAILS_UPDATED');

-- CreateEnum
CREATE TYPE "NotificationParty" AS ENUM ('AFFECTED_USERS', 'CUSTOMERS', 'VENDOR', 'REGULATOR', 'OTHER');

-- CreateEnum
CREATE TYPE "IncidentFollowUpKind" AS ENUM ('CHECKLIST_ITEM', 'THREAT');

-- AlterTable
ALTER TABLE "Asset" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "category" "IncidentCategory" NOT NULL,
    "severity" "IncidentSeverity" NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "reportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reporterId" TEXT NOT NULL,
    "leadId" TEXT,
    "description" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "atlas" TEXT[],
    "owaspLlm" TEXT[],
    "owaspAgentic" TEXT[],
    "rootCause" TEXT,
    "lessonsLearned" TEXT,
    "triagedAt" TIMESTAMP(3),
    "containedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentSystem" (
    "incidentId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,

    CONSTRAINT "IncidentSystem_pkey" PRIMARY KEY ("incidentId","systemId")
);

-- CreateTable
CREATE TABLE "IncidentAsset" (
    "incidentId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,

    CONSTRAINT "IncidentAsset_pkey" PRIMARY KEY ("incidentId","assetId")
);

-- CreateTable
CREATE TABLE "IncidentEntry" (
    "id" BIGSERIAL NOT NULL,
    "incidentId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorId" TEXT,
    "authorName" TEXT NOT NULL,
    "kind" "IncidentEntryKind" NOT NULL,
    "body" TEXT NOT NULL,
    "evidenceId" TEXT,
    "systemId" TEXT,
    "data" JSONB,

    CONSTRAINT "IncidentEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentNotification" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "party" "NotificationParty" NOT NULL,
    "ruleHours" INTEGER,
    "dueAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "evidenceId" TEXT,
    "note" TEXT,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentNotification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentFollowUp" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "kind" "IncidentFollowUpKind" NOT NULL,
    "checklistItemId" TEXT,
    "threatId" TEXT,
    "title" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemRetirement" (
    "systemId" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statement" TEXT NOT NULL,
    "controls" JSONB NOT NULL,

    CONSTRAINT "SystemRetirement_pkey" PRIMARY KEY ("systemId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE INDEX "Incident_status_severity_idx" ON "Incident"("status", "severity");

-- CreateIndex
CREATE INDEX "Incident_detectedAt_idx" ON "Incident"("detectedAt");

-- CreateIndex
CREATE INDEX "IncidentSystem_systemId_idx" ON "IncidentSystem"("systemId");

-- CreateIndex
CREATE INDEX "IncidentAsset_assetId_idx" ON "IncidentAsset"("assetId");

-- CreateIndex
CREATE INDEX "IncidentEntry_incidentId_at_idx" ON "IncidentEntry"("incidentId", "at");

-- CreateIndex
CREATE INDEX "IncidentNotification_doneAt_dueAt_idx" ON "IncidentNotification"("doneAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentNotification_incidentId_party_key" ON "IncidentNotification"("incidentId", "party");

-- CreateIndex
CREATE INDEX "IncidentFollowUp_incidentId_idx" ON "IncidentFollowUp"("incidentId");

-- CreateIndex
CREATE INDEX "IncidentFollowUp_checklistItemId_idx" ON "IncidentFollowUp"("checklistItemId");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSystem" ADD CONSTRAINT "IncidentSystem_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSystem" ADD CONSTRAINT "IncidentSystem_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentAsset" ADD CONSTRAINT "IncidentAsset_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentEntry" ADD CONSTRAINT "IncidentEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentNotification" ADD CONSTRAINT "IncidentNotification_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentFollowUp" ADD CONSTRAINT "IncidentFollowUp_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Incident timeline entries are append-only: refuse UPDATE, DELETE and TRUNCATE at the
-- database level, whatever the application does (same pattern as AuditEvent).
CREATE FUNCTION incident_entry_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'IncidentEntry is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER incident_entry_no_update_delete
  BEFORE UPDATE OR DELETE ON "IncidentEntry"
  FOR EACH ROW EXECUTE FUNCTION incident_entry_append_only();

CREATE TRIGGER incident_entry_no_truncate
  BEFORE TRUNCATE ON "IncidentEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION incident_entry_append_only();
