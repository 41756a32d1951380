-- CreateEnum
CREATE TYPE "ApprovalState" AS ENUM ('DRAFT', 'SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED', 'REVOKED', 'STALE');

-- CreateEnum
CREATE TYPE "ApprovalOutcome" AS ENUM ('APPROVE', 'REJECT', 'REQUEST_CHANGES');

-- CreateTable
CREATE TABLE "DeploymentEnvironment" (
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeploymentEnvironment_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ApprovalPolicy" (
    "tier" "RiskTier" NOT NULL,
    "approvalsRequired" INTEGER NOT NULL,
    "validityDays" INTEGER NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalPolicy_pkey" PRIMARY KEY ("tier")
);

-- CreateTable
CREATE TABLE "ApprovalRequest" (
    "id" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "releaseLabel" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "state" "ApprovalState" NOT NULL DEFAULT 'DRAFT',
    "round" INTEGER NOT NULL DEFAULT 0,
    "snapshot" JSONB,
    "snapshotSha256" TEXT,
    "gateResult" JSONB,
    "gatePassed" BOOLEAN,
    "needsException" BOOLEAN NOT NULL DEFAULT false,
    "riskTier" "RiskTier",
    "approvalsRequired" INTEGER,
    "validityDays" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "approvedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "stateReason" TEXT,
    "previousApprovedId" TEXT,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApprovalRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalDigest" (
    "requestId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "assetKind" "AssetKind" NOT NULL,
    "assetName" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "ApprovalDigest_pkey" PRIMARY KEY ("requestId","assetId","algorithm")
);

-- CreateTable
CREATE TABLE "ApprovalDecision" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "outcome" "ApprovalOutcome" NOT NULL,
    "comment" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalException" (
    "requestId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "expiresOn" DATE NOT NULL,
    "failingRules" TEXT[],
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApprovalException_pkey" PRIMARY KEY ("requestId")
);

-- CreateIndex
CREATE INDEX "ApprovalRequest_systemId_environment_state_idx" ON "ApprovalRequest"("systemId", "environment", "state");

-- CreateIndex
CREATE INDEX "ApprovalRequest_state_submittedAt_idx" ON "ApprovalRequest"("state", "submittedAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_requesterId_createdAt_idx" ON "ApprovalRequest"("requesterId", "createdAt");

-- CreateIndex
CREATE INDEX "ApprovalRequest_state_expiresAt_idx" ON "ApprovalRequest"("state", "expiresAt");

-- CreateIndex
CREATE INDEX "ApprovalDigest_algorithm_value_idx" ON "ApprovalDigest"("algorithm", "value");

-- CreateIndex
CREATE INDEX "ApprovalDecision_reviewerId_decidedAt_idx" ON "ApprovalDecision"("reviewerId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalDecision_requestId_round_reviewerId_key" ON "ApprovalDecision"("requestId", "round", "reviewerId");

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_environment_fkey" FOREIGN KEY ("environment") REFERENCES "DeploymentEnvironment"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalRequest" ADD CONSTRAINT "ApprovalRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDigest" ADD CONSTRAINT "ApprovalDigest_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDecision" ADD CONSTRAINT "ApprovalDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDecision" ADD CONSTRAINT "ApprovalDecision_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalException" ADD CONSTRAINT "ApprovalException_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ApprovalRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalException" ADD CONSTRAINT "ApprovalException_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Defaults: the two environments every instance starts with, and the per-tier policy
-- (HIGH and CRITICAL need two distinct reviewers). Admins change both later.
INSERT INTO "DeploymentEnvironment" ("key", "label", "position") VALUES ('staging', 'Staging', 1), ('production', 'Production', 2);
INSERT INTO "ApprovalPolicy" ("tier", "approvalsRequired", "validityDays", "updatedAt") VALUES
  ('LOW', 1, 365, CURRENT_TIMESTAMP),
  ('MEDIUM', 1, 180, CURRENT_TIMESTAMP),
  ('HIGH', 2, 90, CURRENT_TIMESTAMP),
  ('CRITICAL', 2, 30, CURRENT_TIMESTAMP);

-- A pinned snapshot never changes: only a resubmission after CHANGES_REQUESTED (or the first
-- submission of a DRAFT) pins a new one. Decisions and pinned digests are never edited.
-- (Triggers, not CHECK constraints: Prisma 6.19's schema engine panics on CHECK.)
CREATE FUNCTION approval_snapshot_guard() RETURNS trigger AS $$
BEGIN
  IF OLD."snapshot" IS NOT NULL AND OLD."state" NOT IN ('DRAFT', 'CHANGES_REQUESTED')
     AND (NEW."snapshot" IS DISTINCT FROM OLD."snapshot" OR NEW."snapshotSha256" IS DISTINCT FROM OLD."snapshotSha256" OR NEW."gateResult" IS DISTINCT FROM OLD."gateResult") THEN
    RAISE EXCEPTION 'ApprovalRequest_snapshot_immutable: a pinned snapshot cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "ApprovalRequest_snapshot" BEFORE UPDATE ON "ApprovalRequest" FOR EACH ROW EXECUTE FUNCTION approval_snapshot_guard();

CREATE FUNCTION approval_row_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '%_immutable: rows of % are never changed', TG_TABLE_NAME, TG_TABLE_NAME USING ERRCODE = 'check_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "ApprovalDecision_immutable" BEFORE UPDATE ON "ApprovalDecision" FOR EACH ROW EXECUTE FUNCTION approval_row_immutable();
CREATE TRIGGER "ApprovalDigest_immutable" BEFORE UPDATE ON "ApprovalDigest" FOR EACH ROW EXECUTE FUNCTION approval_row_immutable();
