/**
 * The inventory seed every benchmark shares: users (admin@bench.test, auditor@bench.test and
 * 50 product owners po1..po50@bench.test, all with `password`), `systems` AI systems
 * ("sys-1".."sys-N", every lifecycle, tier and profile, a third with a contributor) and
 * `assetsPerSystem` assets each, inserted with set-based SQL (about 10 s for 10,000 systems and
 * 100,000 assets on 2 cores), then ANALYZEd.
 * @returns the row counts.
 */
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/create-client";

export async function seedInventory(db: Db, opts: { systems: number; assetsPerSystem: number; password: string }): Promise<{ systems: number; assets: number }> {
  const { systems: SYSTEMS, assetsPerSystem: ASSETS_PER_SYSTEM } = opts;
  const passwordHash = await hashPassword(opts.password);
  await db.user.create({ data: { id: "bench-admin", email: "admin@bench.test", name: "Bench Admin", role: "ADMIN", passwordHash } });
  await db.user.create({ data: { id: "bench-auditor", email: "auditor@bench.test", name: "Bench Auditor", role: "AUDITOR", passwordHash } });
  await db.$executeRawUnsafe(`
    INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
    SELECT 'po-' || g, 'po' || g || '@bench.test', 'Owner ' || g, 'PRODUCT_OWNER', '${passwordHash}', now()
    FROM generate_series(1, 50) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "AiSystem" (id, slug, name, purpose, "ownerId", "riskTier", "dataSensitivity", autonomy, exposure, lifecycle, "nextReviewDue", "updatedAt")
    SELECT 'sys-' || g, 'system-' || g, 'System ' || lpad(g::text, 5, '0') || ' ' || (ARRAY['assistant','scorer','agent','copilot','classifier'])[1 + g % 5],
      'Benchmark system ' || g || ' that answers questions about topic ' || (g % 97),
      'po-' || (1 + g % 50),
      (ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + g % 4]::"RiskTier",
      (ARRAY['PUBLIC','INTERNAL','CONFIDENTIAL','RESTRICTED'])[1 + g % 4]::"Sensitivity",
      (ARRAY['NONE','ASSISTIVE','AGENTIC'])[1 + g % 3]::"Autonomy",
      (ARRAY['INTERNAL','INTERNET_FACING'])[1 + g % 2]::"Exposure",
      (ARRAY['DRAFT','IN_REVIEW','APPROVED','DEPLOYED','PAUSED','RETIRING','RETIRED'])[1 + g % 7]::"LifecycleState",
      CASE WHEN g % 5 = 0 THEN NULL ELSE date '2027-01-01' + (g % 365) END,
      now() - (g || ' minutes')::interval
    FROM generate_series(1, ${SYSTEMS}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "SystemContributor" ("systemId", "userId")
    SELECT 'sys-' || g, 'po-' || (1 + (g + 7) % 50) FROM generate_series(1, ${SYSTEMS}) g WHERE g % 3 = 0`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Asset" (id, "systemId", kind, name, version, supplier, sha256, permissions, capabilities, "updatedAt")
    SELECT 'a-' || s || '-' || k, 'sys-' || s,
      (ARRAY['MODEL','DATASET','PROMPT','TOOL_CONNECTOR','VECTOR_STORE','VENDOR_API','AGENT_IDENTITY','CREDENTIAL','ENVIRONMENT','LIBRARY','ADAPTER','EVAL_SUITE'])[1 + k % 12]::"AssetKind",
      'asset-' || k, '1.' || k, 'Supplier ' || (k % 7), encode(sha256(('a' || s || '-' || k)::bytea), 'hex'), ARRAY[]::text[], ARRAY[]::"AgentCapability"[], now()
    FROM generate_series(1, ${SYSTEMS}) s, generate_series(1, ${ASSETS_PER_SYSTEM}) k`);
  await db.$executeRawUnsafe(`ANALYZE`);
  return { systems: await db.aiSystem.count(), assets: await db.asset.count() };
}
