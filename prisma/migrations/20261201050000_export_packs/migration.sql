-- CreateEnum
CREATE TYPE "ExportPackStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'EXPIRED');

-- CreateTable
CREATE TABLE "ExportPack" (
    "id" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedByLabel" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "systemCount" INTEGER NOT NULL,
    "status" "ExportPackStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "phase" TEXT,
    "sizeBytes" BIGINT,
    "manifestSha256" TEXT,
    "keyFingerprint" TEXT,
    "fileName" TEXT NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ExportPack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExportPackChunk" (
    "exportId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ExportPackChunk_pkey" PRIMARY KEY ("exportId","seq")
);

-- CreateIndex
CREATE INDEX "ExportPack_requestedById_createdAt_idx" ON "ExportPack"("requestedById", "createdAt");

-- CreateIndex
CREATE INDEX "ExportPack_status_expiresAt_idx" ON "ExportPack"("status", "expiresAt");

-- AddForeignKey
ALTER TABLE "ExportPackChunk" ADD CONSTRAINT "ExportPackChunk_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "ExportPack"("id") ON DELETE CASCADE ON UPDATE CASCADE;
