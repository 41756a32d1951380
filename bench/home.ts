/**
 * Home page benchmark: the inventory benchmark's organisation (10,000 systems, 50 owners) plus a
 * checklist for nine systems in ten (every control of the shipped library, statuses spread so
 * readiness varies), one item in ten owned by the system's owner and one in a thousand by the
 * reviewer and by the admin (≈850 each), with due dates; two evidence items per system
 * (expiring soon / expired and still linked), threat models (one in four reviewed with an
 * accepted risk, one in fifty waiting for review), two approval requests per system (approved,
 * some on an exception, submitted, sent back, stale, draft), some overdue reviews and 20,000 audit
 * events. Prints, per role, p50/p95 of the home page's server work in process (task lists +
 * portfolio posture + "your systems") and, with a production build, of GET / over loopback.
 *
 *   npm run bench:home [-- --systems 10000 --iterations 100 --no-page --keep --no-vacuum]
 *   npm run bench:home -- --database <url of a database kept with --keep>   (no seeding)
 *
 * The machine is shared: the load average is printed before and after.
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import type { UserActor } from "@/lib/authz/actor";
import { ensureShippedLibraries } from "@/lib/controls/store";
import { homeContext, loadTaskGroups, mySystemsReadiness, portfolioPosture } from "@/lib/home/queries";
import { createPrismaClient } from "@/lib/db/create-client";
import { seedInventory } from "./seed-inventory";
import { flag, getter, hasFlag, report, signIn, startProductionServer, time, withBenchDatabase } from "./support";

const SYSTEMS = flag("systems", 10_000);
const ITERATIONS = flag("iterations", 100);
const PAGE = !hasFlag("no-page");
const KEEP = hasFlag("keep");
const PORT = flag("port", 3197);
const PASSWORD = "bench-password-123";

const load = () => os.loadavg().map((v) => v.toFixed(2)).join(" / ");

async function seed(url: string) {
  const db = createPrismaClient(url, 4);
  const seeded = performance.now();
  await seedInventory(db, { systems: SYSTEMS, assetsPerSystem: 2, password: PASSWORD });
  console.log(`seeded ${SYSTEMS.toLocaleString("en")} systems in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const started = performance.now();
  await ensureShippedLibraries(db);
  const library = await db.controlLibraryVersion.findFirstOrThrow({ where: { isCurrent: true } });
  const owner = await db.user.findUniqueOrThrow({ where: { id: "po-1" }, select: { passwordHash: true } });
  await db.user.create({ data: { id: "bench-reviewer", email: "reviewer@bench.test", name: "Bench Reviewer", role: "SECURITY_REVIEWER", passwordHash: owner.passwordHash } });
  await db.$executeRawUnsafe(`INSERT INTO "User" (id, email, name, "updatedAt") SELECT 'new-' || g, 'new' || g || '@bench.test', 'Newcomer ' || g, now() FROM generate_series(1, 5) g`);
  // One system in ten is overdue for review (up to 60 days).
  await db.$executeRawUnsafe(`UPDATE "AiSystem" SET "nextReviewDue" = current_date - (abs(hashtext(id)) % 60) - 1 WHERE abs(hashtext(id || 'r')) % 10 = 0`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Checklist" (id, "systemId", "libraryVersionId", "updatedAt")
    SELECT 'cl-' || id, id, '${library.id}', now() FROM "AiSystem" WHERE abs(hashtext(id || 'c')) % 10 <> 0`);
  // Per system a progress level p (0-100); per item a draw r: r < p done, then in progress, not met, not started.
  await db.$executeRawUnsafe(`
    INSERT INTO "ChecklistItem" (id, "checklistId", "controlId", applicable, "applicabilityReason", status, "ownerId", "dueDate", "updatedAt")
    SELECT 'ci-' || c.id || '-' || ctl.position, c.id, ctl.id,
      abs(hashtext(c.id || ctl.code || 'a')) % 7 <> 0, 'bench',
      (CASE WHEN x.r < x.p THEN (CASE WHEN x.r % 6 = 0 THEN 'NOT_APPLICABLE' ELSE 'MET' END)
            WHEN x.r < x.p + 12 THEN 'IN_PROGRESS' WHEN x.r < x.p + 18 THEN 'NOT_MET' ELSE 'NOT_STARTED' END)::"ChecklistStatus",
      CASE WHEN x.o < 100 THEN s."ownerId" WHEN x.o = 100 THEN 'bench-reviewer' WHEN x.o = 101 THEN 'bench-admin' END,
      CASE WHEN x.o <= 101 THEN current_date + (abs(hashtext(ctl.code || c.id)) % 90) - 30 END,
      now() - (abs(hashtext(c.id || ctl.code || 'u')) % 40 || ' days')::interval
    FROM "Checklist" c
    JOIN "AiSystem" s ON s.id = c."systemId"
    CROSS JOIN "Control" ctl
    CROSS JOIN LATERAL (SELECT abs(hashtext(c.id || ctl.code)) % 100 AS r, abs(hashtext(c.id)) % 101 AS p, abs(hashtext(ctl.code || c.id || 'o')) % 1000 AS o) x
    WHERE ctl."libraryVersionId" = '${library.id}'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Evidence" (id, "systemId", kind, title, "noteBody", "effectiveDate", "expiresAt", "uploadedById")
    SELECT 'ev' || k || '-' || s.id, s.id, 'NOTE', (CASE WHEN k = 1 THEN 'Penetration test report' ELSE 'Data protection assessment' END), 'bench',
      current_date - 200, CASE WHEN k = 1 THEN current_date + (abs(hashtext(s.id)) % 60) ELSE current_date - (abs(hashtext(s.id)) % 30) - 1 END, s."ownerId"
    FROM "AiSystem" s CROSS JOIN generate_series(1, 2) k`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ChecklistItemEvidence" ("itemId", "evidenceId", "linkedById")
    SELECT DISTINCT ON (c."systemId") i.id, 'ev2-' || c."systemId", 'bench-admin'
    FROM "ChecklistItem" i JOIN "Checklist" c ON c.id = i."checklistId" WHERE i.status = 'MET' ORDER BY c."systemId", i.id`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ThreatModel" (id, "systemId", version, status, assumptions, "libraryVersion", "authorId", "updatedAt")
    SELECT 'tm-' || id, id, 1, 'DRAFT', ARRAY[]::text[], '1.0.0', 'bench-reviewer', now() FROM "AiSystem" WHERE abs(hashtext(id || 't')) % 4 = 0`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Threat" (id, "threatModelId", title, description, atlas, "owaspLlm", "owaspAgentic", "assetIds", likelihood, impact, treatment, position, "updatedAt")
    SELECT 'th-' || tm.id || '-' || k, tm.id, 'Threat ' || k, 'bench', ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[], 1 + k, 2 + k, CASE WHEN k = 1 THEN 'ACCEPT' ELSE 'MITIGATE' END::"ThreatTreatment", k, now()
    FROM "ThreatModel" tm CROSS JOIN generate_series(1, 3) k`);
  await db.$executeRawUnsafe(`
    INSERT INTO "RiskAcceptance" ("threatId", "acceptedById", rationale, "expiresOn")
    SELECT id, 'bench-reviewer', 'bench', current_date + (abs(hashtext(id)) % 150) - 30 FROM "Threat" WHERE treatment = 'ACCEPT'`);
  await db.$executeRawUnsafe(`UPDATE "ThreatModel" SET status = 'REVIEWED', "reviewedById" = 'bench-reviewer', "reviewedAt" = now() - interval '40 days'`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ThreatModel" (id, "systemId", version, status, assumptions, "libraryVersion", "authorId", "submittedAt", "updatedAt")
    SELECT 'tm2-' || id, id, 2, 'IN_REVIEW', ARRAY[]::text[], '1.0.0', 'bench-reviewer', now() - (abs(hashtext(id)) % 20 || ' days')::interval, now()
    FROM "AiSystem" WHERE abs(hashtext(id || 'v')) % 50 = 0`);
  // Two approval requests per system for production: mostly approved (expiring from 20 days ago
  // to 100 days ahead, one in twenty on an exception), one in ten submitted (a third already
  // decided by the bench reviewer), sent back, stale or draft.
  await db.$executeRawUnsafe(`
    INSERT INTO "ApprovalRequest" (id, "systemId", "releaseLabel", environment, "requesterId", state, round, "submittedAt", "approvedAt", "expiresAt", "closedAt", "needsException", "updatedAt")
    SELECT 'ar' || k || '-' || s.id, s.id, 'v' || k || '.0', 'production', s."ownerId", x.state::"ApprovalState", CASE WHEN x.state = 'DRAFT' THEN 0 ELSE 1 END,
      CASE WHEN x.state <> 'DRAFT' THEN now() - (x.h % 30 || ' days')::interval END,
      CASE WHEN x.state IN ('APPROVED', 'STALE') THEN now() - (x.h % 30 || ' days')::interval END,
      CASE WHEN x.state = 'APPROVED' THEN now() + ((x.h % 120) - 20 || ' days')::interval END,
      CASE WHEN x.state = 'STALE' THEN now() - (x.h % 60 || ' days')::interval END,
      x.h % 20 = 0, now()
    FROM "AiSystem" s CROSS JOIN generate_series(1, 2) k
    CROSS JOIN LATERAL (SELECT abs(hashtext(s.id || k || 'ar')) AS h) hh
    CROSS JOIN LATERAL (SELECT hh.h AS h, CASE hh.h % 10 WHEN 0 THEN 'SUBMITTED' WHEN 1 THEN 'CHANGES_REQUESTED' WHEN 2 THEN 'STALE' WHEN 3 THEN 'DRAFT' ELSE 'APPROVED' END AS state) x`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ApprovalDecision" (id, "requestId", round, "reviewerId", outcome, comment)
    SELECT 'ad-' || id, id, 1, 'bench-reviewer', 'APPROVE', 'bench' FROM "ApprovalRequest" WHERE state = 'SUBMITTED' AND abs(hashtext(id)) % 3 = 0`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ApprovalException" ("requestId", round, "reviewerId", rationale, "expiresOn", "failingRules")
    SELECT id, 1, 'bench-reviewer', 'bench', current_date + (abs(hashtext(id)) % 60), ARRAY['evidence.current'] FROM "ApprovalRequest" WHERE state = 'APPROVED' AND "needsException"`);
  await db.$executeRawUnsafe(`
    INSERT INTO "AuditEvent" ("occurredAt", "actorId", "actorLabel", action, "entityType", "entityId", summary, "prevHash", hash)
    SELECT now() - (g % 30 || ' days')::interval, 'po-' || (1 + g % 50), 'Owner ' || (1 + g % 50), 'checklist.item_updated', 'ChecklistItem', 'x' || g, '{}'::jsonb, md5((g - 1)::text), md5(g::text)
    FROM generate_series(1, 20000) g`);
  // VACUUM as well as ANALYZE: a database in use has been through autovacuum, which sets the
  // visibility map that index-only scans rely on (the auditor's expired-evidence count probes the
  // partial index of MET checklist items). Measured straight after a bulk load without it, every
  // probe also reads the table: `--no-vacuum` shows that cold state.
  await db.$executeRawUnsafe(hasFlag("no-vacuum") ? "ANALYZE" : "VACUUM ANALYZE");
  const [items, readiness] = await Promise.all([db.checklistItem.count(), db.systemReadiness.count()]);
  console.log(`seeded checklists (${items.toLocaleString("en")} items, readiness for ${readiness.toLocaleString("en")} systems), evidence, threat models and audit events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return db;
}

const ACTORS: { label: string; actor: UserActor; email: string }[] = [
  { label: "admin", actor: { kind: "user", id: "bench-admin", email: "admin@bench.test", name: "Bench Admin", role: "ADMIN" }, email: "admin@bench.test" },
  { label: "security reviewer", actor: { kind: "user", id: "bench-reviewer", email: "reviewer@bench.test", name: "Bench Reviewer", role: "SECURITY_REVIEWER" }, email: "reviewer@bench.test" },
  { label: "auditor", actor: { kind: "user", id: "bench-auditor", email: "auditor@bench.test", name: "Bench Auditor", role: "AUDITOR" }, email: "auditor@bench.test" },
  { label: "product owner (≈330 systems)", actor: { kind: "user", id: "po-7", email: "po7@bench.test", name: "Owner 7", role: "PRODUCT_OWNER" }, email: "po7@bench.test" },
];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const reuse = option("database");
  const within = reuse ? async (body: (url: string) => Promise<void>) => body(reuse) : (body: (url: string) => Promise<void>) => withBenchDatabase(body, { keep: KEEP });
  await within(
    async (url) => {
      const db = reuse ? createPrismaClient(url, 4) : await seed(url);
      console.log(`\nload average (1/5/15 min) before: ${load()}; ${os.cpus().length} cores`);
      console.log("\nHome page server work, in process (task lists + posture + your systems; 10-connection pool like the app):");
      const appDb = createPrismaClient(url);
      for (const { label, actor } of ACTORS) {
        const run = async () => {
          const ctx = await homeContext({ actor, db: appDb });
          await Promise.all([loadTaskGroups(ctx), portfolioPosture(ctx), actor.role === "PRODUCT_OWNER" ? mySystemsReadiness(ctx) : null]);
        };
        report(`home data: ${label}`, await time(run, ITERATIONS, 5));
      }
      const sample = await loadTaskGroups(await homeContext({ actor: ACTORS[1]!.actor, db: appDb }));
      console.log(`  (reviewer's lists: ${sample.map((g) => `${g.key}=${g.count}`).join(", ")})`);
      await appDb.$disconnect();
      await db.$disconnect();

      if (PAGE) {
        if (!fs.existsSync(".next/BUILD_ID")) {
          console.log("\n(no production build: run `npx next build` to measure the page)");
        } else {
          const server = await startProductionServer(url, PORT);
          try {
            const n = Math.max(30, Math.floor(ITERATIONS / 2));
            console.log("\nGET / over loopback, production build (server render, time to last byte):");
            for (const { label, email } of ACTORS) report(`GET / ${label}`, await time(getter(server.base, await signIn(server.base, email, PASSWORD))("/"), n));
          } finally {
            server.stop();
          }
        }
      }
      console.log(`\nload average (1/5/15 min) after: ${load()}`);
    },
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
