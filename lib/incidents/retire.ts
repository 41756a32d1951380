import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { lockSystemApprovals } from "@/lib/approvals/access";
import { revokeApprovalsOnRetirement } from "@/lib/approvals/revoke-approval";
import { assertCan } from "@/lib/authz/policy";
import { lockRows } from "@/lib/db/locks";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { transitionLifecycle } from "@/lib/systems/lifecycle";
import { parseOrThrow } from "@/lib/validation";
import { z } from "zod";
import { zText } from "@/lib/validation/fields";

/** The control library pillar whose controls make up secure decommissioning (lib/controls/library-schema.ts). */
export const DECOMMISSIONING_PILLAR = "DEC";

export const ZRetireInput = z.object({
  // A sign-off is a reviewer's statement of what was checked, not a click-through: at least a sentence.
  statement: zText({ max: 4_000, min: 20, label: "The sign-off statement" }),
});

export type DecommissioningControl = { itemId: string; code: string; title: string; status: string; justification: string | null; done: boolean };

/** Done means MET, or NOT_APPLICABLE with a written justification. */
export function isDecommissioningDone(item: { status: string; justification: string | null }): boolean {
  return item.status === "MET" || (item.status === "NOT_APPLICABLE" && Boolean(item.justification?.trim()));
}

/** The system's decommissioning checklist items, in library order, each with whether it is done. */
export async function decommissioningControls(db: DbOrTx, systemId: string): Promise<DecommissioningControl[]> {
  const items = await db.checklistItem.findMany({
    where: { checklist: { systemId }, control: { pillar: DECOMMISSIONING_PILLAR } },
    select: { id: true, status: true, justification: true, control: { select: { code: true, title: true, position: true } } },
    orderBy: { control: { position: "asc" } },
  });
  return items.map((i) => ({ itemId: i.id, code: i.control.code, title: i.control.title, status: i.status, justification: i.justification, done: isDecommissioningDone(i) }));
}

/**
 * Reads what the decommissioning page shows: lifecycle, the controls, the sign-off and how many
 * assets are retired. @throws NotFoundError when the system is not visible.
 */
export async function getDecommissioning(ctx: ServiceContext, systemId: string) {
  assertCan(ctx.actor, "checklist:read");
  await loadSystemFacts(ctx.db, ctx.actor, systemId);
  const system = await ctx.db.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { lifecycle: true, _count: { select: { assets: true } } } });
  const retiredAssets = await ctx.db.asset.count({ where: { systemId, retiredAt: { not: null } } });
  const signature = await ctx.db.systemRetirement.findUnique({ where: { systemId } });
  const signer = signature ? await ctx.db.user.findUnique({ where: { id: signature.signedById }, select: { name: true } }) : null;
  return {
    lifecycle: system.lifecycle,
    controls: await decommissioningControls(ctx.db, systemId),
    assets: system._count.assets,
    retiredAssets,
    signature: signature ? { signedAt: signature.signedAt.toISOString(), signedBy: signer?.name ?? "someone", statement: signature.statement } : null,
  };
}

/**
 * Starts retiring a system (DEPLOYED, PAUSED or APPROVED → RETIRING, as the lifecycle table
 * allows): reviewers and admins. In the same transaction every live (APPROVED) approval of the
 * system is revoked with the reason "system retiring" (lib/approvals `revokeApprovalsOnRetirement`),
 * so no pipeline deploys it and no attestation is issued any more; from RETIRING on no new
 * request can be opened, submitted or approved.
 * @returns `{ lifecycle, approvalsRevoked }`.
 * @throws ForbiddenError, NotFoundError, ValidationError.
 */
export async function startRetirement(ctx: ServiceContext, systemId: string, rawInput: unknown) {
  assertCan(ctx.actor, "checklist:review");
  const { statement } = parseOrThrow(ZRetireInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await loadSystemFacts(tx, ctx.actor, systemId);
    // The approvals lock before the first audit append (see lockSystemApprovals), then the system row.
    await lockSystemApprovals(tx, systemId);
    await lockRows(tx, "AiSystem", [systemId]);
    await transitionLifecycle(tx, ctx.actor, systemId, "RETIRING", { reason: statement, cause: { kind: "decommission", id: systemId }, meta: ctx.meta });
    const revoked = await revokeApprovalsOnRetirement(tx, ctx.actor, systemId, { meta: ctx.meta });
    return { lifecycle: "RETIRING" as const, approvalsRevoked: revoked.length };
  });
}

/**
 * Signs a system's retirement (RETIRING → RETIRED): a reviewer or admin (`checklist:review`).
 * Refused while any decommissioning control of the system's checklist is neither MET nor
 * justified NOT_APPLICABLE (the refusal lists them). In one transaction: the lifecycle change,
 * the signature (with the controls' state), every asset of the system marked retired with the
 * date (the gate denies a retired system and its assets), and the `system.retirement_signed`
 * audit event.
 * @param rawInput `{ statement }`: what the reviewer confirms.
 * @throws ForbiddenError, NotFoundError, ValidationError (not RETIRING, controls open).
 */
export async function signRetirement(ctx: ServiceContext, systemId: string, rawInput: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "checklist:review");
  const { statement } = parseOrThrow(ZRetireInput, rawInput);
  return withTransaction(ctx, async ({ db: tx }) => {
    await loadSystemFacts(tx, ctx.actor, systemId);
    await lockRows(tx, "AiSystem", [systemId]);
    const system = await tx.aiSystem.findUniqueOrThrow({ where: { id: systemId }, select: { lifecycle: true, name: true } });
    if (system.lifecycle !== "RETIRING") throw new ValidationError(`${system.name} is not being retired (it is ${system.lifecycle.toLowerCase().replace("_", " ")}): start the retirement first.`);
    const checklist = await tx.checklist.findUnique({ where: { systemId }, select: { id: true } });
    if (checklist) await lockRows(tx, "Checklist", [checklist.id]);
    const controls = await decommissioningControls(tx, systemId);
    if (!controls.length) throw new ValidationError("This system has no checklist with decommissioning controls: create its checklist first.");
    const open = controls.filter((c) => !c.done);
    if (open.length) {
      throw new ValidationError(
        `Retirement refused: ${open.length} decommissioning control${open.length === 1 ? " is" : "s are"} not met or justified as not applicable: ${open.map((c) => c.code).join(", ")}.`,
        { controls: open.map((c) => `${c.code} ${c.title}`) },
      );
    }
    await transitionLifecycle(tx, ctx.actor, systemId, "RETIRED", { reason: statement, cause: { kind: "decommission", id: systemId }, meta: ctx.meta });
    await tx.systemRetirement.upsert({
      where: { systemId },
      create: { systemId, signedById: ctx.actor.id, signedAt: now, statement, controls: controls as unknown as Prisma.InputJsonValue },
      update: { signedById: ctx.actor.id, signedAt: now, statement, controls: controls as unknown as Prisma.InputJsonValue },
    });
    const assets = await tx.asset.updateMany({ where: { systemId, retiredAt: null }, data: { retiredAt: now, rowVersion: { increment: 1 } } });
    await appendAudit(
      tx,
      ctx.actor,
      { action: "system.retirement_signed", entityType: "AiSystem", entityId: systemId, summary: { statement, controls: controls.map((c) => `${c.code} ${c.status === "MET" ? "met" : "not applicable"}`), assetsRetired: assets.count } },
      ctx.meta,
    );
    return { lifecycle: "RETIRED" as const, assetsRetired: assets.count };
  });
}
