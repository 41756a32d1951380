/**
 * Threat-model benchmark: one agentic system with a 110-item checklist and a threat model of
 * 60 threats (the whole threat library plus custom ones, with linked mitigations, residual
 * scores and acceptances) and 12 data flows. Prints p50/p95 of the threat-model query (in
 * process) and of the threat-model tab and printable page served by the production build,
 * signed in as a security reviewer (who also gets the suggestions of the open draft).
 *
 *   npm run bench:threats [-- --iterations 100]
 *
 * Uses TEST_DATABASE_URL (admin URL of a local server) or an embedded PostgreSQL; needs a
 * production build (`npx next build`) for the page part (skip with --no-page).
 */
import fs from "node:fs";
import { createPrismaClient } from "@/lib/db/create-client";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/authz/actor";
import { createAsset } from "@/lib/assets/create-asset";
import { ensureShippedLibraries, insertLibraryVersion } from "@/lib/controls/store";
import { createSystem } from "@/lib/systems/create-system";
import { addCustomThreat, addLibraryThreats } from "@/lib/threats/add-threats";
import { addDataFlow } from "@/lib/threats/data-flows";
import { loadThreatLibrary } from "@/lib/threats/load-library";
import { getThreatModelPage } from "@/lib/threats/queries";
import { startThreatModelDraft } from "@/lib/threats/start-draft";
import { ensureShippedThreatLibraries } from "@/lib/threats/store";
import { benchControlLibrary, flag, getter, hasFlag, report, signIn, startProductionServer, time, withBenchDatabase } from "./support";

const ITERATIONS = flag("iterations", 100);
const PORT = flag("port", 3197);
const PAGE = !hasFlag("no-page");
const PASSWORD = "bench-password-123";
const CHECKLIST_ITEMS = 110;
const THREATS = 60;
const FLOWS = 12;

async function main() {
  await withBenchDatabase(async (url) => {
    const db = createPrismaClient(url, 4);
    await ensureShippedLibraries(db);
    await ensureShippedThreatLibraries(db);
    await db.$transaction((tx) => insertLibraryVersion(tx, benchControlLibrary(CHECKLIST_ITEMS), { makeCurrent: true }));
    const passwordHash = await hashPassword(PASSWORD);
    const ownerRow = await db.user.create({ data: { email: "owner@bench.test", name: "Bench Owner", role: "PRODUCT_OWNER", passwordHash } });
    const reviewerRow = await db.user.create({ data: { email: "reviewer@bench.test", name: "Bench Reviewer", role: "SECURITY_REVIEWER", passwordHash } });
    const owner: Actor = { kind: "user", id: ownerRow.id, email: ownerRow.email, name: ownerRow.name, role: "PRODUCT_OWNER" };
    const reviewer: Actor = { kind: "user", id: reviewerRow.id, email: reviewerRow.email, name: reviewerRow.name, role: "SECURITY_REVIEWER" };
    const { id: systemId } = await createSystem(
      { actor: owner, db },
      { name: "Benchmark agent", purpose: "An agentic system with a full threat model.", riskTier: "CRITICAL", dataSensitivity: "RESTRICTED", autonomy: "AGENTIC", exposure: "INTERNET_FACING" },
    );
    const assets = [
      { kind: "TOOL_CONNECTOR", name: "Payments connector", capabilities: ["SPEND_MONEY", "CALL_PRODUCTION_APIS"], humanApprovalRequired: false },
      { kind: "TOOL_CONNECTOR", name: "Web research MCP server", capabilities: ["BROWSE_WEB", "WRITE_MEMORY"] },
      { kind: "AGENT_IDENTITY", name: "svc-agent", capabilities: ["READ_INTERNAL_DATA", "SEND_MESSAGES", "EXECUTE_CODE"], credentialType: "SERVICE_ACCOUNT" },
      { kind: "VECTOR_STORE", name: "knowledge-index" },
      { kind: "VENDOR_API", name: "Hosted LLM" },
      { kind: "MODEL", name: "reranker.pt" },
      { kind: "DATASET", name: "Fine-tuning set" },
      { kind: "ADAPTER", name: "domain-lora" },
      { kind: "EVAL_SUITE", name: "red-team probes" },
      { kind: "CREDENTIAL", name: "Payments API key", secretLocation: "vault://kv/bench/payments" },
    ];
    for (const a of assets) await createAsset({ actor: owner, db }, systemId, a);

    const ctx = { actor: reviewer, db };
    const { id: modelId } = await startThreatModelDraft(ctx, systemId);
    const library = loadThreatLibrary();
    await addLibraryThreats(ctx, modelId, { threatIds: library.threats.map((t) => t.id) });
    for (let i = library.threats.length; i < THREATS; i++) {
      await addCustomThreat(ctx, modelId, { title: `Custom threat ${i + 1}`, description: "A threat specific to this deployment, written by the reviewer.", likelihood: 1 + (i % 5), impact: 1 + ((i * 3) % 5) });
    }
    const nodes = ["Customer", "Chat API", "Agent planner", "Hosted LLM", "knowledge-index", "Payments connector", "Web research MCP server", "Audit log"];
    for (let i = 0; i < FLOWS; i++) {
      await addDataFlow(ctx, modelId, { source: nodes[i % nodes.length], target: nodes[(i * 3 + 1) % nodes.length], data: `Flow ${i + 1} payload`, crossesTrustBoundary: i % 3 === 0 });
    }
    // Residual scores and treatments on every threat, as a finished draft would have them.
    const threats = await db.threat.findMany({ where: { threatModelId: modelId }, select: { id: true, likelihood: true, impact: true } });
    for (const [i, t] of threats.entries()) {
      await db.threat.update({ where: { id: t.id }, data: { residualLikelihood: Math.max(1, t.likelihood - 2), residualImpact: Math.max(1, t.impact - 1), treatment: i % 10 === 0 ? "ACCEPT" : "MITIGATE" } });
      if (i % 10 === 0) await db.riskAcceptance.create({ data: { threatId: t.id, acceptedById: reviewer.id, rationale: "Compensating controls cover the gap until the next release.", expiresOn: new Date("2027-06-30") } });
    }
    await db.$executeRawUnsafe("ANALYZE");
    const items = await db.checklistItem.count({ where: { checklist: { systemId } } });
    const mitigations = await db.threatMitigation.count();
    console.log(`checklist items: ${items}, threats: ${threats.length}, linked mitigations: ${mitigations}, data flows: ${FLOWS}`);

    console.log("\nIn process:");
    report("getThreatModelPage (reviewer, draft + suggestions)", await time(() => getThreatModelPage(ctx, systemId), ITERATIONS));
    report("getThreatModelPage (owner, read-only)", await time(() => getThreatModelPage({ actor: owner, db }, systemId), ITERATIONS));
    await db.$disconnect();

    if (!PAGE) return;
    if (!fs.existsSync(".next/BUILD_ID")) {
      console.log("\n(no production build: run `npx next build` to measure the page)");
      return;
    }
    const server = await startProductionServer(url, PORT);
    try {
      const get = getter(server.base, await signIn(server.base, "reviewer@bench.test", PASSWORD));
      const n = Math.max(50, ITERATIONS / 2);
      console.log("\nPage over loopback (production build, time to last byte):");
      report(`GET /systems/:id/threat-model (${threats.length} threats, ${items} items)`, await time(get(`/systems/${systemId}/threat-model`), n));
      report("GET /systems/:id/threat-model?sort=inherent", await time(get(`/systems/${systemId}/threat-model?sort=inherent`), n));
      report("GET /print/threat-model/:id", await time(get(`/print/threat-model/${systemId}`), n));
    } finally {
      server.stop();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
