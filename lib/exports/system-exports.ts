import "server-only";
import { createHash } from "node:crypto";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { NotFoundError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { buildAibom } from "./aibom";
import { buildAssessmentResults } from "./oscal";
import { loadSystemsData } from "./system-data";

export type ExportedDocument = { fileName: string; text: string; sha256: string };

/**
 * One system's CycloneDX 1.6 AI-BOM (`<slug>.aibom.cdx.json`): see ./aibom.ts for its content.
 * Whoever may export the inventory and see the system may download it; the download is
 * audited (`inventory.exported`, format cyclonedx, with the document's SHA-256).
 * @throws ForbiddenError without inventory:export; NotFoundError for a system the actor cannot see.
 */
export async function exportSystemAibom(ctx: ServiceContext, systemId: string, now = new Date()): Promise<ExportedDocument> {
  assertCan(ctx.actor, "inventory:export");
  await loadSystemFacts(ctx.db, ctx.actor, systemId);
  const [data] = await loadSystemsData(ctx.db, [systemId]);
  if (!data) throw new NotFoundError("System not found.");
  const text = `${JSON.stringify(buildAibom(data, { generatedAt: now.toISOString() }), null, 2)}\n`;
  return audited(ctx, data.system, "cyclonedx-1.6", `${data.system.slug}.aibom.cdx.json`, text, { assets: data.assets.length });
}

/**
 * One system's checklist as OSCAL 1.0.6 assessment results (`<slug>.assessment-results.json`),
 * for whoever may read checklists, export and see the system; audited like the AI-BOM.
 * @throws ForbiddenError; NotFoundError.
 */
export async function exportSystemOscal(ctx: ServiceContext, systemId: string, now = new Date()): Promise<ExportedDocument> {
  assertCan(ctx.actor, "inventory:export");
  assertCan(ctx.actor, "checklist:read");
  await loadSystemFacts(ctx.db, ctx.actor, systemId);
  const [data] = await loadSystemsData(ctx.db, [systemId]);
  if (!data) throw new NotFoundError("System not found.");
  const generatedAt = now.toISOString();
  const doc = buildAssessmentResults([data], { generatedAt, title: `Assessment results: ${data.system.name}`, documentId: `${data.system.id}:${generatedAt}` });
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  return audited(ctx, data.system, "oscal-1.0.6-assessment-results", `${data.system.slug}.assessment-results.json`, text, {
    findings: data.checklist?.items.length ?? 0,
  });
}

async function audited(
  ctx: ServiceContext,
  system: { id: string; slug: string },
  format: string,
  fileName: string,
  text: string,
  counts: Record<string, number>,
): Promise<ExportedDocument> {
  const sha256 = createHash("sha256").update(text).digest("hex");
  await withTransaction(ctx, async ({ db: tx }) => {
    await appendAudit(tx, ctx.actor, { action: "inventory.exported", entityType: "AiSystem", entityId: system.id, summary: { systemId: system.id, format, fileName, sha256, ...counts } }, ctx.meta);
  });
  return { fileName, text, sha256 };
}
