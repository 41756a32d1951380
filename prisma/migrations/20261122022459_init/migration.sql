-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SECURITY_REVIEWER', 'PRODUCT_OWNER', 'AUDITOR');

-- CreateEnum
CREATE TYPE "RiskTier" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "Sensitivity" AS ENUM ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED');

-- CreateEnum
CREATE TYPE "Autonomy" AS ENUM ('NONE', 'ASSISTIVE', 'AGENTIC');

-- CreateEnum
CREATE TYPE "Exposure" AS ENUM ('INTERNAL', 'INTERNET_FACING');

-- CreateEnum
CREATE TYPE "LifecycleState" AS ENUM ('DRAFT', 'IN_REVIEW', 'APPROVED', 'DEPLOYED', 'PAUSED', 'RETIRING', 'RETIRED');

-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('MODEL', 'DATASET', 'PROMPT', 'TOOL_CONNECTOR', 'VECTOR_STORE', 'VENDOR_API', 'AGENT_IDENTITY', 'CREDENTIAL', 'ENVIRONMENT', 'LIBRARY', 'ADAPTER', 'EVAL_SUITE');

-- CreateEnum
CREATE TYPE "DueDiligenceStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "AgentCapability" AS ENUM ('READ_INTERNAL_DATA', 'WRITE_FILES', 'SEND_MESSAGES', 'SPEND_MONEY', 'CALL_PRODUCTION_APIS', 'EXECUTE_CODE', 'BROWSE_WEB', 'WRITE_MEMORY');

-- CreateEnum
CREATE TYPE "CredentialType" AS ENUM ('SHORT_LIVED_SCOPED', 'SERVICE_ACCOUNT', 'INHERITED_USER_TOKEN');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role",
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "oidcSubject" TEXT,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AiSystem" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "riskTier" "RiskTier" NOT NULL,
    "dataSensitivity" "Sensitivity" NOT NULL,
    "autonomy" "Autonomy" NOT NULL,
    "exposure" "Exposure" NOT NULL,
    "lifecycle" "LifecycleState" NOT NULL DEFAULT 'DRAFT',
    "nextReviewDue" DATE,
    "archivedAt" TIMESTAMP(3),
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiSystem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SystemContributor" (
    "systemId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "SystemContributor_pkey" PRIMARY KEY ("systemId","userId")
);

-- CreateTable
CREATE TABLE "Asset" (
    "id" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "kind" "AssetKind" NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT,
    "supplier" TEXT,
    "licence" TEXT,
    "sha256" TEXT,
    "signatureRef" TEXT,
    "sensitivity" "Sensitivity",
    "permissions" TEXT[],
    "dueDiligence" "DueDiligenceStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "capabilities" "AgentCapability"[],
    "credentialType" "CredentialType",
    "humanApprovalRequired" BOOLEAN,
    "secretLocation" TEXT,
    "rotationDays" INTEGER,
    "notes" TEXT,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Asset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "summary" JSONB NOT NULL,
    "requestMeta" JSONB,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstanceSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstanceSetting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");

-- CreateIndex
CREATE INDEX "LoginFailure_key_createdAt_idx" ON "LoginFailure"("key", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AiSystem_slug_key" ON "AiSystem"("slug");

-- CreateIndex
CREATE INDEX "AiSystem_ownerId_idx" ON "AiSystem"("ownerId");

-- CreateIndex
CREATE INDEX "AiSystem_name_id_idx" ON "AiSystem"("name", "id");

-- CreateIndex
CREATE INDEX "AiSystem_updatedAt_id_idx" ON "AiSystem"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "AiSystem_riskTier_id_idx" ON "AiSystem"("riskTier", "id");

-- CreateIndex
CREATE INDEX "AiSystem_nextReviewDue_id_idx" ON "AiSystem"("nextReviewDue", "id");

-- CreateIndex
CREATE INDEX "SystemContributor_userId_idx" ON "SystemContributor"("userId");

-- CreateIndex
CREATE INDEX "Asset_systemId_kind_name_idx" ON "Asset"("systemId", "kind", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Asset_systemId_kind_name_version_key" ON "Asset"("systemId", "kind", "name", "version");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- AddForeignKey
ALTER TABLE "AiSystem" ADD CONSTRAINT "AiSystem_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemContributor" ADD CONSTRAINT "SystemContributor_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemContributor" ADD CONSTRAINT "SystemContributor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Asset" ADD CONSTRAINT "Asset_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;
