import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { getConfig } from "@/lib/config";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { zHttpUrl, zName, zText } from "@/lib/validation/fields";
import { loadVisibleIncident } from "./access";
import { buildAdvisory, type AdvisoryChoices, type AdvisoryFacts } from "./csaf";
import { validateCsaf, type CsafValidation } from "./csaf-validate";

export const ZAdvisoryChoices = z.object({
  title: zName({ max: 300, label: "The advisory title" }),
  summary: zText({ max: 10_000, min: 1, label: "What happened" }),
  lessons: zText({ max: 10_000, min: 1, label: "The lessons learned" }),
  publisherName: zName({ max: 200, label: "The publisher name" }),
  publisherNamespace: zHttpUrl("The publisher namespace"),
  advisoryUrl: z
    .union([zHttpUrl("The advisory address"), z.literal("")])
    .optional()
    .transform((v) => v || null),
  tlp: z.enum(["WHITE", "GREEN", "AMBER"], { error: "Choose a TLP label." }),
});

async function loadFacts(ctx: ServiceContext, incidentId: string) {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, incidentId);
  const full = await ctx.db.incident.findUniqueOrThrow({
    where: { id: incident.id },
    include: { reporter: { select: { name: true, email: true } }, lead: { select: { name: true, email: true } }, systems: { include: { system: { select: { name: true, slug: true } } } }, assets: true },
  });
  // Every asset name of the affected systems is scrubbed, not only the assets named in the incident.
  const assets = await ctx.db.asset.findMany({ where: { OR: [{ id: { in: full.assets.map((a) => a.assetId) } }, { systemId: { in: full.systems.map((s) => s.systemId) } }] }, select: { name: true } });
  const authors = await ctx.db.incidentEntry.findMany({ where: { incidentId }, select: { authorName: true }, distinct: ["authorName"] });
  const facts: AdvisoryFacts = {
    number: full.number,
    category: full.category,
    severity: full.severity,
    status: full.status,
    detectedAt: full.detectedAt,
    closedAt: full.closedAt,
    atlas: full.atlas,
    owaspLlm: full.owaspLlm,
    owaspAgentic: full.owaspAgentic,
    secrets: {
      systems: full.systems.flatMap((s) => [s.system.name, s.system.slug]),
      assets: assets.map((a) => a.name),
      people: [full.reporter.name, full.reporter.email, full.lead?.name, full.lead?.email, ...authors.map((a) => a.authorName)].filter((x): x is string => Boolean(x)),
    },
  };
  return { full, facts };
}

/** The share form's starting values: the incident's own words (to be edited before sharing). */
export async function advisoryDefaults(ctx: ServiceContext, incidentId: string): Promise<AdvisoryChoices & { status: string }> {
  assertCan(ctx.actor, "incident:manage");
  const { full } = await loadFacts(ctx, incidentId);
  const origin = getConfig().AUTH_URL ? new URL(getConfig().AUTH_URL!).origin : "https://example.org";
  return {
    title: full.title,
    summary: full.description,
    lessons: full.lessonsLearned ?? "",
    publisherName: "Security team",
    publisherNamespace: origin,
    advisoryUrl: null,
    // Shared only as widely as someone decides: AMBER until the reviewer picks a wider label.
    tlp: "AMBER",
    status: full.status,
  };
}

/**
 * Builds the redacted CSAF 2.0 advisory (lib/incidents/csaf.ts) from the reviewer's choices
 * and validates it with the BSI validator. `record` (the export) also writes
 * `incident.advisory_exported` with the document's SHA-256; an invalid document is refused.
 * @returns `{ document, json, validation }` — `json` is exactly the text that leaves.
 * @throws ForbiddenError, NotFoundError, ValidationError.
 */
export async function buildIncidentAdvisory(ctx: ServiceContext, incidentId: string, rawChoices: unknown, { record = false, now = new Date() } = {}) {
  assertCan(ctx.actor, "incident:manage");
  const choices = parseOrThrow(ZAdvisoryChoices, rawChoices);
  const { facts } = await loadFacts(ctx, incidentId);
  if (!choices.advisoryUrl && facts.atlas.length === 0) {
    throw new ValidationError("CSAF needs at least one external reference: give the address where the advisory will be published.", { advisoryUrl: ["Required when the incident has no ATLAS technique."] });
  }
  const document = buildAdvisory(facts, choices, now);
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const validation: CsafValidation = await validateCsaf(document);
  if (record) {
    if (!validation.isValid) throw new ValidationError(`The advisory does not validate: ${validation.errors[0]?.message ?? "unknown problem"}.`);
    await withTransaction(ctx, async ({ db: tx }) => {
      await appendAudit(
        tx,
        ctx.actor,
        { action: "incident.advisory_exported", entityType: "Incident", entityId: incidentId, summary: { format: "csaf-2.0", sha256: createHash("sha256").update(json).digest("hex"), tlp: choices.tlp, bytes: Buffer.byteLength(json) } },
        ctx.meta,
      );
    });
  }
  return { json, validation, fileName: `${document.document.tracking.id.toLowerCase()}-csaf.json` };
}
