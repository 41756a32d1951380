/**
 * Checklist benchmark: one system whose checklist has 110 items (the shipped library plus
 * extra controls, published as a benchmark version) and 500 evidence items linked across
 * them. Prints p50/p95 of the checklist view (in process) and of the checklist page served
 * by the production build, signed in as the owner.
 *
 *   npm run bench:checklist [-- --iterations 100]
 *
 * Uses TEST_DATABASE_URL (admin URL of a local server) or an embedded PostgreSQL; needs a
 * production build (`npx next build`) for the page part (skip with --no-page).
 */
import fs from "node:fs";
import { createPrismaClient } from "@/lib/db/create-client";
import { hashPassword } from "@/lib/auth/password";
import { ensureShippedLibraries, insertLibraryVersion } from "@/lib/controls/store";
import { createSystem } from "@/lib/systems/create-system";
import { getChecklistView } from "@/lib/checklists/queries";
import type { Actor } from "@/lib/authz/actor";
import { benchControlLibrary, flag, getter, hasFlag, report, signIn, startProductionServer, time, withBenchDatabase } from "./support";

const ITERATIONS = flag("iterations", 100);
const PORT = flag("port", 3198);
const PAGE = !hasFlag("no-page");
const PASSWORD = "bench-password-123";
const TARGET_ITEMS = 110;
const EVIDENCE = 500;

async function main() {
  await withBenchDatabase(async (url) => {
    const db = createPrismaClient(url, 4);
    await ensureShippedLibraries(db);
    await db.$transaction((tx) => insertLibraryVersion(tx, benchControlLibrary(TARGET_ITEMS), { makeCurrent: true }));
    const user = await db.user.create({ data: { email: "owner@bench.test", name: "Bench Owner", role: "PRODUCT_OWNER", passwordHash: await hashPassword(PASSWORD) } });
    const owner: Actor = { kind: "user", id: user.id, email: user.email, name: user.name, role: "PRODUCT_OWNER" };
    const { id: systemId } = await createSystem(
      { actor: owner, db },
      { name: "Benchmark agent", purpose: "A system with a full checklist and lots of evidence.", riskTier: "CRITICAL", dataSensitivity: "RESTRICTED", autonomy: "AGENTIC", exposure: "INTERNET_FACING" },
    );
    const items = await db.checklistItem.findMany({ where: { checklist: { systemId } }, select: { id: true } });
    await db.$executeRawUnsafe(`
      INSERT INTO "Evidence" (id, "systemId", kind, title, "noteBody", "effectiveDate", "expiresAt", "uploadedById")
      SELECT 'ev-' || g, '${systemId}', 'NOTE', 'Evidence note ' || g, 'Body ' || g, date '2026-01-01', CASE WHEN g % 10 = 0 THEN date '2026-06-01' ELSE NULL END, '${user.id}'
      FROM generate_series(1, ${EVIDENCE}) g`);
    const links = Array.from({ length: EVIDENCE }, (_, g) => ({ itemId: items[g % items.length]!.id, evidenceId: `ev-${g + 1}`, linkedById: user.id }));
    await db.checklistItemEvidence.createMany({ data: links });
    await db.$executeRawUnsafe("ANALYZE");
    console.log(`checklist items: ${items.length}, evidence: ${await db.evidence.count()}, links: ${await db.checklistItemEvidence.count()}`);

    console.log("\nIn process:");
    report("getChecklistView (all items, progress)", await time(() => getChecklistView({ actor: owner, db }, systemId), ITERATIONS));
    report("getChecklistView (filter pillar=DEP)", await time(() => getChecklistView({ actor: owner, db }, systemId, { pillar: "DEP" }), ITERATIONS));
    await db.$disconnect();

    if (!PAGE) return;
    if (!fs.existsSync(".next/BUILD_ID")) {
      console.log("\n(no production build: run `npx next build` to measure the page)");
      return;
    }
    const server = await startProductionServer(url, PORT);
    try {
      const get = getter(server.base, await signIn(server.base, "owner@bench.test", PASSWORD));
      const n = Math.max(50, ITERATIONS / 2);
      console.log("\nPage over loopback (production build, time to last byte):");
      report(`GET /systems/:id/checklist (${items.length} items)`, await time(get(`/systems/${systemId}/checklist`), n));
      report("GET …/checklist?item=… (one item open, 500 to attach)", await time(get(`/systems/${systemId}/checklist?item=${items[0]!.id}`), n));
      report("GET /systems/:id/evidence (500 items, first page)", await time(get(`/systems/${systemId}/evidence`), n));
    } finally {
      server.stop();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
