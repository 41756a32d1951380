-- CreateEnum
CREATE TYPE "ThreatModelStatus" AS ENUM ('DRAFT', 'IN_REVIEW', 'REVIEWED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ThreatTreatment" AS ENUM ('MITIGATE', 'ACCEPT', 'TRANSFER', 'AVOID');

-- CreateEnum
CREATE TYPE "StrideCategory" AS ENUM ('SPOOFING', 'TAMPERING', 'REPUDIATION', 'INFORMATION_DISCLOSURE', 'DENIAL_OF_SERVICE', 'ELEVATION_OF_PRIVILEGE');

-- CreateTable
CREATE TABLE "ThreatLibraryVersion" (
    "id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "document" JSONB NOT NULL,
    "isCurrent" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ThreatLibraryVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreatModel" (
    "id" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "ThreatModelStatus" NOT NULL DEFAULT 'DRAFT',
    "scope" TEXT NOT NULL DEFAULT '',
    "assumptions" TEXT[],
    "libraryVersion" TEXT NOT NULL,
    "basedOnId" TEXT,
    "authorId" TEXT NOT NULL,
    "submittedById" TEXT,
    "submittedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "reviewComment" TEXT,
    "supersededAt" TIMESTAMP(3),
    "importReport" JSONB,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreatModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataFlow" (
    "id" TEXT NOT NULL,
    "threatModelId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "crossesTrustBoundary" BOOLEAN NOT NULL DEFAULT false,
    "assetIds" TEXT[],
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Threat" (
    "id" TEXT NOT NULL,
    "threatModelId" TEXT NOT NULL,
    "libraryRef" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "stride" "StrideCategory",
    "atlas" TEXT[],
    "owaspLlm" TEXT[],
    "owaspAgentic" TEXT[],
    "assetIds" TEXT[],
    "likelihood" INTEGER NOT NULL,
    "impact" INTEGER NOT NULL,
    "residualLikelihood" INTEGER,
    "residualImpact" INTEGER,
    "treatment" "ThreatTreatment",
    "mitigationNotes" TEXT,
    "position" INTEGER NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Threat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreatMitigation" (
    "threatId" TEXT NOT NULL,
    "controlCode" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "linkedById" TEXT NOT NULL,

    CONSTRAINT "ThreatMitigation_pkey" PRIMARY KEY ("threatId","controlCode")
);

-- CreateTable
CREATE TABLE "RiskAcceptance" (
    "threatId" TEXT NOT NULL,
    "acceptedById" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "expiresOn" DATE NOT NULL,
    "acceptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskAcceptance_pkey" PRIMARY KEY ("threatId")
);

-- CreateTable
CREATE TABLE "ThreatSuggestionDismissal" (
    "threatModelId" TEXT NOT NULL,
    "libraryRef" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "dismissedById" TEXT NOT NULL,
    "dismissedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThreatSuggestionDismissal_pkey" PRIMARY KEY ("threatModelId","libraryRef")
);

-- CreateIndex
CREATE UNIQUE INDEX "ThreatLibraryVersion_version_key" ON "ThreatLibraryVersion"("version");

-- CreateIndex
CREATE INDEX "ThreatModel_systemId_status_idx" ON "ThreatModel"("systemId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ThreatModel_systemId_version_key" ON "ThreatModel"("systemId", "version");

-- CreateIndex
CREATE INDEX "DataFlow_threatModelId_position_idx" ON "DataFlow"("threatModelId", "position");

-- CreateIndex
CREATE INDEX "Threat_threatModelId_position_idx" ON "Threat"("threatModelId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Threat_threatModelId_libraryRef_key" ON "Threat"("threatModelId", "libraryRef");

-- AddForeignKey
ALTER TABLE "ThreatModel" ADD CONSTRAINT "ThreatModel_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatModel" ADD CONSTRAINT "ThreatModel_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatModel" ADD CONSTRAINT "ThreatModel_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataFlow" ADD CONSTRAINT "DataFlow_threatModelId_fkey" FOREIGN KEY ("threatModelId") REFERENCES "ThreatModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Threat" ADD CONSTRAINT "Threat_threatModelId_fkey" FOREIGN KEY ("threatModelId") REFERENCES "ThreatModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatMitigation" ADD CONSTRAINT "ThreatMitigation_threatId_fkey" FOREIGN KEY ("threatId") REFERENCES "Threat"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAcceptance" ADD CONSTRAINT "RiskAcceptance_threatId_fkey" FOREIGN KEY ("threatId") REFERENCES "Threat"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAcceptance" ADD CONSTRAINT "RiskAcceptance_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreatSuggestionDismissal" ADD CONSTRAINT "ThreatSuggestionDismissal_threatModelId_fkey" FOREIGN KEY ("threatModelId") REFERENCES "ThreatModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written below (not expressible in schema.prisma).

-- At most one open version (DRAFT or IN_REVIEW) and at most one REVIEWED version per system.
CREATE UNIQUE INDEX "ThreatModel_one_open_per_system" ON "ThreatModel"("systemId") WHERE "status" IN ('DRAFT', 'IN_REVIEW');
CREATE UNIQUE INDEX "ThreatModel_one_reviewed_per_system" ON "ThreatModel"("systemId") WHERE "status" = 'REVIEWED';

-- Scores stay on the 1-5 scales; residual likelihood and impact are set together.
ALTER TABLE "Threat" ADD CONSTRAINT "Threat_likelihood_range" CHECK ("likelihood" BETWEEN 1 AND 5);
ALTER TABLE "Threat" ADD CONSTRAINT "Threat_impact_range" CHECK ("impact" BETWEEN 1 AND 5);
-- (Written without OR/NULL logic on purpose: a CHECK that evaluates to NULL passes.)
ALTER TABLE "Threat" ADD CONSTRAINT "Threat_residual_range" CHECK (
  ("residualLikelihood" IS NULL) = ("residualImpact" IS NULL)
  AND COALESCE("residualLikelihood", 1) BETWEEN 1 AND 5
  AND COALESCE("residualImpact", 1) BETWEEN 1 AND 5
);

-- Defence in depth for "a reviewed version is frozen": the services refuse edits to anything
-- but a DRAFT; these triggers refuse changes to the content of REVIEWED and SUPERSEDED
-- versions even if a bug or a manual query tries. Deletes stay possible (a system's rows
-- cascade when the system itself is removed).
CREATE FUNCTION threat_model_frozen_guard() RETURNS trigger AS $$
DECLARE
  model_id TEXT;
  model_status "ThreatModelStatus";
BEGIN
  IF TG_TABLE_NAME = 'ThreatModel' THEN
    IF OLD."status" IN ('REVIEWED', 'SUPERSEDED') AND (
      NEW."scope" IS DISTINCT FROM OLD."scope"
      OR NEW."assumptions" IS DISTINCT FROM OLD."assumptions"
      OR NEW."systemId" IS DISTINCT FROM OLD."systemId"
      OR NEW."version" IS DISTINCT FROM OLD."version"
      OR NEW."reviewedById" IS DISTINCT FROM OLD."reviewedById"
      OR (OLD."status" = 'SUPERSEDED' AND NEW."status" IS DISTINCT FROM OLD."status")
      OR (OLD."status" = 'REVIEWED' AND NEW."status" NOT IN ('REVIEWED', 'SUPERSEDED'))
    ) THEN
      RAISE EXCEPTION 'Threat model % is % and frozen', OLD."id", OLD."status" USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;

  IF TG_TABLE_NAME IN ('Threat', 'DataFlow', 'ThreatSuggestionDismissal') THEN
    model_id := NEW."threatModelId";
  ELSE
    SELECT t."threatModelId" INTO model_id FROM "Threat" t WHERE t."id" = NEW."threatId";
  END IF;
  SELECT m."status" INTO model_status FROM "ThreatModel" m WHERE m."id" = model_id;
  IF model_status IN ('REVIEWED', 'SUPERSEDED') THEN
    RAISE EXCEPTION 'Threat model % is % and frozen', model_id, model_status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ThreatModel_frozen" BEFORE UPDATE ON "ThreatModel" FOR EACH ROW EXECUTE FUNCTION threat_model_frozen_guard();
CREATE TRIGGER "Threat_frozen" BEFORE INSERT OR UPDATE ON "Threat" FOR EACH ROW EXECUTE FUNCTION threat_model_frozen_guard();
CREATE TRIGGER "DataFlow_frozen" BEFORE INSERT OR UPDATE ON "DataFlow" FOR EACH ROW EXECUTE FUNCTION threat_model_frozen_guard();
CREATE TRIGGER "ThreatSuggestionDismissal_frozen" BEFORE INSERT OR UPDATE ON "ThreatSuggestionDismissal" FOR EACH ROW EXECUTE FUNCTION threat_model_frozen_guard();
CREATE TRIGGER "ThreatMitigation_frozen" BEFORE INSERT OR UPDATE ON "ThreatMitigation" FOR EACH ROW EXECUTE FUNCTION threat_model_frozen_guard();
CREATE TRIGGER "RiskAcceptance_frozen" BEFORE INSERT OR UPDATE ON "RiskAcceptance" FOR EACH ROW EXECUTE FUNCTION threat_model_frozen_guard();
