-- Asset identity: "no version" is one value (issue 6).
-- The unique index on (systemId, kind, name, version) treated every NULL version as distinct,
-- so parallel creates or imports of one unversioned asset made several rows. Rebuild it
-- NULLS NOT DISTINCT (PostgreSQL 15 or later; Prisma's schema language cannot say this, the
-- index keeps the name Prisma knows).
--
-- Rows that already duplicate an unversioned asset would stop the index from being built.
-- Nothing is deleted: the oldest row of each group stays as it is, and each later row gets the
-- version "duplicate-<its id>" (unique by construction) and a new row version, so people can
-- review and remove it. Migrations cannot write hash-chained audit events; the version text
-- is the trace.
UPDATE "Asset" AS a
SET "version" = 'duplicate-' || a."id", "rowVersion" = a."rowVersion" + 1, "updatedAt" = CURRENT_TIMESTAMP
FROM (
  SELECT "id", row_number() OVER (PARTITION BY "systemId", "kind", "name" ORDER BY "createdAt", "id") AS n
  FROM "Asset"
  WHERE "version" IS NULL
) AS ranked
WHERE a."id" = ranked."id" AND ranked.n > 1;

DROP INDEX "Asset_systemId_kind_name_version_key";
CREATE UNIQUE INDEX "Asset_systemId_kind_name_version_key" ON "Asset"("systemId", "kind", "name", "version") NULLS NOT DISTINCT;

-- Digests of other algorithms than SHA-256 (which stays in "Asset"."sha256" for the gate).
-- CreateEnum
CREATE TYPE "DigestAlgorithm" AS ENUM ('MD5', 'SHA_1', 'SHA_384', 'SHA_512', 'SHA3_256', 'SHA3_384', 'SHA3_512', 'BLAKE2B_256', 'BLAKE2B_384', 'BLAKE2B_512', 'BLAKE3');

-- CreateTable
CREATE TABLE "AssetDigest" (
    "assetId" TEXT NOT NULL,
    "algorithm" "DigestAlgorithm" NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "AssetDigest_pkey" PRIMARY KEY ("assetId","algorithm")
);

-- CreateIndex
CREATE INDEX "AssetDigest_algorithm_value_idx" ON "AssetDigest"("algorithm", "value");

-- AddForeignKey
ALTER TABLE "AssetDigest" ADD CONSTRAINT "AssetDigest_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The value is lower-case hex of the algorithm's length, checked by the app (lib/assets/rules/digests.ts).
-- No CHECK constraint: Prisma 6.19's WebAssembly schema engine panics ("unreachable") when
-- it introspects a table with one, which would break `migrate dev` for everyone.
