-- Instance signing keys (lib/signing) and the deployment gate's call records (lib/gate).
-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL DEFAULT 'ed25519',
    "publicKeyPem" TEXT NOT NULL,
    "encryptedPrivateKey" BYTEA NOT NULL,
    "secretSource" TEXT NOT NULL,
    "activeSlot" INTEGER,
    "activatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    "createdById" TEXT,

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateCheck" (
    "id" BIGSERIAL NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,
    "tokenId" TEXT,
    "systemSlug" TEXT NOT NULL,
    "systemId" TEXT,
    "environment" TEXT NOT NULL,
    "digests" TEXT[],
    "allow" BOOLEAN NOT NULL,
    "reasons" TEXT[],
    "approvalId" TEXT,
    "ip" TEXT,
    "requestId" TEXT,
    "batchId" BIGINT,

    CONSTRAINT "GateCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SigningKey_activeSlot_key" ON "SigningKey"("activeSlot");

-- CreateIndex
CREATE INDEX "GateCheck_batchId_idx" ON "GateCheck"("batchId");

-- Gate checks are append-only: no DELETE or TRUNCATE, and the only UPDATE allowed is the fold
-- setting "batchId" once (NULL -> the sealing audit event's id) with every other column
-- unchanged. A trigger, not a CHECK constraint (Prisma 6.19's engine panics on those).
CREATE FUNCTION gate_check_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."batchId" IS NULL AND NEW."batchId" IS NOT NULL
     AND (to_jsonb(NEW) - 'batchId') = (to_jsonb(OLD) - 'batchId') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'GateCheck is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER gate_check_append_only_row BEFORE UPDATE OR DELETE ON "GateCheck"
  FOR EACH ROW EXECUTE FUNCTION gate_check_append_only();
CREATE TRIGGER gate_check_append_only_truncate BEFORE TRUNCATE ON "GateCheck"
  FOR EACH STATEMENT EXECUTE FUNCTION gate_check_append_only();
