-- CreateEnum
CREATE TYPE "ChecklistStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'MET', 'NOT_MET', 'NOT_APPLICABLE');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('FILE', 'LINK', 'NOTE');

-- CreateTable
CREATE TABLE "ControlLibraryVersion" (
    "id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT,
    "notes" TEXT,
    "document" JSONB NOT NULL,
    "isCurrent" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ControlLibraryVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Control" (
    "id" TEXT NOT NULL,
    "libraryVersionId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "pillar" TEXT NOT NULL,
    "pillarTitle" TEXT NOT NULL,
    "principleId" TEXT NOT NULL,
    "principleTitle" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "guidance" TEXT NOT NULL,
    "evidenceExpectation" TEXT NOT NULL,
    "evidenceRequired" BOOLEAN NOT NULL DEFAULT true,
    "reviewerOnly" BOOLEAN NOT NULL DEFAULT false,
    "applicability" JSONB NOT NULL,
    "mappings" JSONB NOT NULL,
    "searchText" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Control_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Checklist" (
    "id" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "libraryVersionId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Checklist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChecklistItem" (
    "id" TEXT NOT NULL,
    "checklistId" TEXT NOT NULL,
    "controlId" TEXT NOT NULL,
    "applicable" BOOLEAN NOT NULL,
    "applicabilityReason" TEXT NOT NULL,
    "status" "ChecklistStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "ownerId" TEXT,
    "dueDate" DATE,
    "notes" TEXT,
    "justification" TEXT,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChecklistItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "url" TEXT,
    "noteBody" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "sizeBytes" BIGINT,
    "sha256" TEXT,
    "effectiveDate" DATE NOT NULL,
    "expiresAt" DATE,
    "revisionOfId" TEXT,
    "uploadedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "deletedById" TEXT,
    "deletionReason" TEXT,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceChunk" (
    "evidenceId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "EvidenceChunk_pkey" PRIMARY KEY ("evidenceId","seq")
);

-- CreateTable
CREATE TABLE "ChecklistItemEvidence" (
    "itemId" TEXT NOT NULL,
    "evidenceId" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "linkedById" TEXT NOT NULL,

    CONSTRAINT "ChecklistItemEvidence_pkey" PRIMARY KEY ("itemId","evidenceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ControlLibraryVersion_version_key" ON "ControlLibraryVersion"("version");

-- CreateIndex
CREATE INDEX "Control_code_idx" ON "Control"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Control_libraryVersionId_code_key" ON "Control"("libraryVersionId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Checklist_systemId_key" ON "Checklist"("systemId");

-- CreateIndex
CREATE INDEX "ChecklistItem_checklistId_status_idx" ON "ChecklistItem"("checklistId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistItem_checklistId_controlId_key" ON "ChecklistItem"("checklistId", "controlId");

-- CreateIndex
CREATE UNIQUE INDEX "Evidence_revisionOfId_key" ON "Evidence"("revisionOfId");

-- CreateIndex
CREATE INDEX "Evidence_systemId_createdAt_idx" ON "Evidence"("systemId", "createdAt");

-- CreateIndex
CREATE INDEX "ChecklistItemEvidence_evidenceId_idx" ON "ChecklistItemEvidence"("evidenceId");

-- AddForeignKey
ALTER TABLE "Control" ADD CONSTRAINT "Control_libraryVersionId_fkey" FOREIGN KEY ("libraryVersionId") REFERENCES "ControlLibraryVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checklist" ADD CONSTRAINT "Checklist_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checklist" ADD CONSTRAINT "Checklist_libraryVersionId_fkey" FOREIGN KEY ("libraryVersionId") REFERENCES "ControlLibraryVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistItem" ADD CONSTRAINT "ChecklistItem_checklistId_fkey" FOREIGN KEY ("checklistId") REFERENCES "Checklist"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistItem" ADD CONSTRAINT "ChecklistItem_controlId_fkey" FOREIGN KEY ("controlId") REFERENCES "Control"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistItem" ADD CONSTRAINT "ChecklistItem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_revisionOfId_fkey" FOREIGN KEY ("revisionOfId") REFERENCES "Evidence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceChunk" ADD CONSTRAINT "EvidenceChunk_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistItemEvidence" ADD CONSTRAINT "ChecklistItemEvidence_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ChecklistItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChecklistItemEvidence" ADD CONSTRAINT "ChecklistItemEvidence_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Evidence is immutable once added: only the tombstone columns (set when an admin deletes
-- it) may change. Corrections are new rows pointing at the one they revise.
CREATE OR REPLACE FUNCTION evidence_immutable() RETURNS trigger AS $$
BEGIN
  IF (NEW."systemId", NEW."kind", NEW."title", NEW."description", NEW."url", NEW."noteBody", NEW."fileName",
      NEW."contentType", NEW."sizeBytes", NEW."sha256", NEW."effectiveDate", NEW."expiresAt", NEW."revisionOfId",
      NEW."uploadedById", NEW."createdAt")
     IS DISTINCT FROM
     (OLD."systemId", OLD."kind", OLD."title", OLD."description", OLD."url", OLD."noteBody", OLD."fileName",
      OLD."contentType", OLD."sizeBytes", OLD."sha256", OLD."effectiveDate", OLD."expiresAt", OLD."revisionOfId",
      OLD."uploadedById", OLD."createdAt") THEN
    RAISE EXCEPTION 'Evidence is immutable: add a new revision instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD."deletedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'Deleted evidence is a tombstone and cannot change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER evidence_no_content_update
  BEFORE UPDATE ON "Evidence"
  FOR EACH ROW EXECUTE FUNCTION evidence_immutable();

-- Stored file content never changes in place (it may only be purged with its tombstone).
CREATE OR REPLACE FUNCTION evidence_chunk_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Evidence content is immutable' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER evidence_chunk_no_update
  BEFORE UPDATE ON "EvidenceChunk"
  FOR EACH ROW EXECUTE FUNCTION evidence_chunk_immutable();
