import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { loadVisibleSystem } from "./access";
import { STATUS_LABELS } from "./rules";
import { currentThreatLibrary } from "./store";

/**
 * Starts the next version of a system's threat model as a DRAFT: a copy of the version in
 * force (scope, assumptions, data flows, threats with their mitigations and acceptances,
 * dismissed suggestions), or an empty draft when none was reviewed yet.
 * @throws ForbiddenError (not a reviewer/admin), NotFoundError, ValidationError (archived
 *   system, or a draft or review version already open).
 */
export async function startThreatModelDraft(ctx: ServiceContext, systemId: string): Promise<{ id: string; version: number }> {
  const { actor, meta } = ctx;
  assertCan(actor, "threat:edit");
  return withTransaction(ctx, async ({ db: tx }) => {
      const system = await loadVisibleSystem(tx, actor, systemId);
      if (system.archivedAt) throw new ValidationError("This system is archived: its threat model is read-only.");
      // Serialise version numbering per system.
      await tx.$queryRaw`SELECT "id" FROM "AiSystem" WHERE "id" = ${systemId} FOR UPDATE`;
      const open = await tx.threatModel.findFirst({ where: { systemId, status: { in: ["DRAFT", "IN_REVIEW"] } }, select: { version: true, status: true } });
      if (open) throw new ValidationError(`Version ${open.version} is already open (${STATUS_LABELS[open.status].toLowerCase()}): finish or discard it first.`);
      const last = await tx.threatModel.findFirst({ where: { systemId }, orderBy: { version: "desc" }, select: { version: true } });
      const base = await tx.threatModel.findFirst({
        where: { systemId, status: "REVIEWED" },
        include: { dataFlows: true, threats: { include: { mitigations: true, acceptance: true } }, dismissals: true },
      });
      const libraryVersion = base?.libraryVersion ?? (await currentThreatLibrary(tx)).version;
      const version = (last?.version ?? 0) + 1;
      const model = await tx.threatModel.create({
        data: {
          systemId,
          version,
          scope: base?.scope ?? "",
          assumptions: base?.assumptions ?? [],
          libraryVersion,
          basedOnId: base?.id ?? null,
          authorId: actor.id,
        },
      });
      if (base) await copyContent(tx, base, model.id);
      await appendAudit(
        tx,
        actor,
        {
          action: "threat_model.draft_started",
          entityType: "ThreatModel",
          entityId: model.id,
          summary: { systemId, version, basedOnVersion: base?.version ?? null, threats: base?.threats.length ?? 0 },
        },
        meta,
      );
      return { id: model.id, version };
    },
    { timeoutMs: 30_000 },
  );
}

type Base = Prisma.ThreatModelGetPayload<{ include: { dataFlows: true; threats: { include: { mitigations: true; acceptance: true } }; dismissals: true } }>;

async function copyContent(tx: Prisma.TransactionClient, base: Base, modelId: string) {
  if (base.dataFlows.length) {
    await tx.dataFlow.createMany({
      data: base.dataFlows.map((f) => ({
        threatModelId: modelId,
        position: f.position,
        source: f.source,
        target: f.target,
        data: f.data,
        crossesTrustBoundary: f.crossesTrustBoundary,
        assetIds: f.assetIds,
      })),
    });
  }
  for (const t of base.threats) {
    await tx.threat.create({
      data: {
        threatModelId: modelId,
        libraryRef: t.libraryRef,
        title: t.title,
        description: t.description,
        stride: t.stride,
        atlas: t.atlas,
        owaspLlm: t.owaspLlm,
        owaspAgentic: t.owaspAgentic,
        assetIds: t.assetIds,
        likelihood: t.likelihood,
        impact: t.impact,
        residualLikelihood: t.residualLikelihood,
        residualImpact: t.residualImpact,
        treatment: t.treatment,
        mitigationNotes: t.mitigationNotes,
        position: t.position,
        mitigations: t.mitigations.length
          ? { createMany: { data: t.mitigations.map((m) => ({ controlCode: m.controlCode, linkedById: m.linkedById, linkedAt: m.linkedAt })) } }
          : undefined,
        // An acceptance is a dated decision by a named reviewer: it carries over until it expires.
        acceptance: t.acceptance
          ? { create: { acceptedById: t.acceptance.acceptedById, rationale: t.acceptance.rationale, expiresOn: t.acceptance.expiresOn, acceptedAt: t.acceptance.acceptedAt } }
          : undefined,
      },
    });
  }
  if (base.dismissals.length) {
    await tx.threatSuggestionDismissal.createMany({
      data: base.dismissals.map((d) => ({ threatModelId: modelId, libraryRef: d.libraryRef, reason: d.reason, dismissedById: d.dismissedById, dismissedAt: d.dismissedAt })),
    });
  }
}
