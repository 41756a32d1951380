import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Actor } from "@/lib/authz/actor";
import { assertCan, can, canSeeSystem } from "@/lib/authz/policy";
import type { Db } from "@/lib/db/create-client";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { STATUS_LABELS } from "./rules";

export type DbOrTx = Db | Prisma.TransactionClient;

/** The facts about a system that threat-model access and rules need. */
export type ThreatSystem = { id: string; name: string; ownerId: string; contributorIds: string[]; archivedAt: Date | null };

/**
 * Loads a system the actor may see (404 otherwise, so its existence is not revealed). Does
 * not check a permission: callers do that first.
 */
export async function loadVisibleSystem(db: DbOrTx, actor: Actor, systemId: string): Promise<ThreatSystem> {
  const system = await db.aiSystem.findUnique({
    where: { id: systemId },
    select: { id: true, name: true, ownerId: true, archivedAt: true, contributors: { select: { userId: true } } },
  });
  if (!system) throw new NotFoundError("System not found.");
  const facts = { ...system, contributorIds: system.contributors.map((c) => c.userId) };
  if (!canSeeSystem(actor, facts)) throw new NotFoundError("System not found.");
  return { id: facts.id, name: facts.name, ownerId: facts.ownerId, contributorIds: facts.contributorIds, archivedAt: facts.archivedAt };
}

/** Takes a row lock on the threat model (inside a transaction): edits and transitions of one version are serialised. */
export async function lockThreatModel(tx: Prisma.TransactionClient, modelId: string) {
  await tx.$queryRaw`SELECT "id" FROM "ThreatModel" WHERE "id" = ${modelId} FOR UPDATE`;
}

/**
 * Locks and loads a threat model the actor may edit: `threat:edit`, a visible and active
 * system, and the version still a DRAFT (review versions and reviewed ones are frozen).
 * @throws ForbiddenError, NotFoundError, ValidationError (archived system or frozen version).
 */
export async function loadEditableModel(tx: Prisma.TransactionClient, actor: Actor, modelId: string) {
  assertCan(actor, "threat:edit");
  await lockThreatModel(tx, modelId);
  const model = await tx.threatModel.findUnique({ where: { id: modelId } });
  if (!model) throw new NotFoundError("Threat model not found.");
  const system = await loadVisibleSystem(tx, actor, model.systemId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError("Threat model not found.") : error;
  });
  if (system.archivedAt) throw new ValidationError("This system is archived: its threat model is read-only.");
  if (model.status !== "DRAFT") {
    throw new ValidationError(
      `Version ${model.version} is ${STATUS_LABELS[model.status].toLowerCase()} and cannot be edited${model.status === "IN_REVIEW" ? ": return it to draft first" : ": start a new draft to change it"}.`,
    );
  }
  return { model, system };
}

/** Resolves a threat to its model, then as loadEditableModel. */
export async function loadEditableThreat(tx: Prisma.TransactionClient, actor: Actor, threatId: string) {
  assertCan(actor, "threat:edit");
  const ref = await tx.threat.findUnique({ where: { id: threatId }, select: { threatModelId: true } });
  if (!ref) throw new NotFoundError("Threat not found.");
  const { model, system } = await loadEditableModel(tx, actor, ref.threatModelId);
  const threat = await tx.threat.findUnique({ where: { id: threatId }, include: { mitigations: true, acceptance: true } });
  if (!threat) throw new NotFoundError("Threat not found.");
  return { model, system, threat };
}

/** Keeps only asset IDs that belong to the system; refuses others by name of the field. */
export async function assertSystemAssets(db: DbOrTx, systemId: string, assetIds: readonly string[], field = "assetIds") {
  if (assetIds.length === 0) return;
  const found = await db.asset.count({ where: { systemId, id: { in: [...assetIds] } } });
  if (found !== new Set(assetIds).size) throw new ValidationError("Choose assets from this system's inventory.", { [field]: ["Choose assets from this system's inventory."] });
}

/** What the actor may do with threat models (role and token scopes; the page adds status and archive). */
export function threatRights(actor: Actor) {
  return { read: can(actor, "threat:read"), edit: can(actor, "threat:edit"), review: can(actor, "threat:review") };
}
