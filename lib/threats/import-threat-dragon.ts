import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { firstUnstorablePath } from "@/lib/validation/fields";
import { loadVisibleSystem } from "./access";
import { STATUS_LABELS } from "./rules";
import { currentThreatLibrary } from "./store";
import { mapThreatDragon, parseThreatDragon, type ImportReport } from "./threat-dragon";

/**
 * Imports an OWASP Threat Dragon 2.x model file (JSON text) into a new DRAFT version of the
 * system's threat model: its data flows, threats (category → STRIDE, severity → starting
 * score, status → treatment, mitigation text) and out-of-scope notes. What could not be mapped
 * is stored with the draft and returned.
 * @param maxBytes the largest file accepted (MAX_IMPORT_BYTES).
 * @throws ValidationError (field `file`: too large, not JSON, not Threat Dragon 2.x; or a version
 *   already open), ForbiddenError, NotFoundError.
 */
export async function importThreatDragon(ctx: ServiceContext, systemId: string, text: string, maxBytes: number): Promise<{ id: string; version: number; report: ImportReport }> {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  if (Buffer.byteLength(text, "utf8") > maxBytes) throw new ValidationError("The file is too large.", { file: [`Choose a file of at most ${Math.floor(maxBytes / 1024 / 1024)} MB.`] });
  let doc;
  try {
    doc = parseThreatDragon(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : "The file could not be read.";
    throw new ValidationError(message, { file: [message] });
  }
  // Strings PostgreSQL cannot store (NUL, lone surrogates) are refused here, naming where they are.
  const unstorable = firstUnstorablePath(doc);
  if (unstorable) {
    const message = `The file contains a character that cannot be stored (NUL or a lone UTF-16 surrogate) at ${unstorable}.`;
    throw new ValidationError(message, { file: [message] });
  }
  return withTransaction(ctx, async ({ db: tx }) => {
      const system = await loadVisibleSystem(tx, actor, systemId);
      if (system.archivedAt) throw new ValidationError("This system is archived: its threat model is read-only.");
      await tx.$queryRaw`SELECT "id" FROM "AiSystem" WHERE "id" = ${systemId} FOR UPDATE`;
      const open = await tx.threatModel.findFirst({ where: { systemId, status: { in: ["DRAFT", "IN_REVIEW"] } }, select: { version: true, status: true } });
      if (open) {
        const message = `Version ${open.version} is open (${STATUS_LABELS[open.status].toLowerCase()}): finish or discard it before importing.`;
        throw new ValidationError(message, { file: [message] });
      }
      const assets = await tx.asset.findMany({ where: { systemId }, select: { id: true, name: true } });
      const mapped = mapThreatDragon(doc, assets);
      const last = await tx.threatModel.findFirst({ where: { systemId }, orderBy: { version: "desc" }, select: { version: true } });
      const version = (last?.version ?? 0) + 1;
      const model = await tx.threatModel.create({
        data: {
          systemId,
          version,
          scope: mapped.scope,
          assumptions: mapped.assumptions,
          libraryVersion: (await currentThreatLibrary(tx)).version,
          authorId: actor.id,
          importReport: mapped.report as unknown as Prisma.InputJsonValue,
        },
      });
      if (mapped.flows.length) await tx.dataFlow.createMany({ data: mapped.flows.map((f, position) => ({ ...f, threatModelId: model.id, position })) });
      if (mapped.threats.length) {
        await tx.threat.createMany({
          data: mapped.threats.map((t, position) => ({ ...t, threatModelId: model.id, position, atlas: [], owaspLlm: [], owaspAgentic: [] })),
        });
      }
      await appendAudit(
        tx,
        actor,
        {
          action: "threat_model.imported",
          entityType: "ThreatModel",
          entityId: model.id,
          summary: { systemId, version, source: mapped.report.source, counts: mapped.report.counts, notMapped: mapped.report.notMapped.length },
        },
        meta,
      );
      return { id: model.id, version, report: mapped.report };
    },
    { timeoutMs: 60_000 },
  );
}
