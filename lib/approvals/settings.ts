import "server-only";
import type { RiskTier } from "@/generated/prisma/enums";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ConflictError, ValidationError } from "@/lib/errors";
import { withTransaction, type DbOrTx, type ServiceContext } from "@/lib/service-context";
import { isUniqueViolation, parseOrThrow } from "@/lib/validation";
import { DEFAULT_TIER_POLICY, type TierPolicy } from "./policy-rules";
import { zEnvironmentKey, ZEnvironmentInput, ZTierPolicyInput } from "./schema";

const TIERS: RiskTier[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

export type TierPolicyRow = TierPolicy & { tier: RiskTier; rowVersion: number };

/** The policy for one tier: the admin-edited row, or the default when the row is missing. */
export async function getTierPolicy(db: DbOrTx, tier: RiskTier): Promise<TierPolicy> {
  const row = await db.approvalPolicy.findUnique({ where: { tier }, select: { approvalsRequired: true, validityDays: true } });
  return row ?? DEFAULT_TIER_POLICY[tier];
}

/** Every tier's policy, LOW to CRITICAL (defaults filled in, with rowVersion 0 for a missing row). */
export async function listTierPolicies(db: DbOrTx): Promise<TierPolicyRow[]> {
  const rows = await db.approvalPolicy.findMany();
  return TIERS.map((tier) => {
    const row = rows.find((r) => r.tier === tier);
    return row
      ? { tier, approvalsRequired: row.approvalsRequired, validityDays: row.validityDays, rowVersion: row.rowVersion }
      : { tier, ...DEFAULT_TIER_POLICY[tier], rowVersion: 0 };
  });
}

export type EnvironmentRow = { key: string; label: string; archived: boolean; production: boolean };

/** Target environments in display order; archived ones only with `includeArchived`. */
export async function listEnvironments(db: DbOrTx, opts: { includeArchived?: boolean } = {}): Promise<EnvironmentRow[]> {
  const rows = await db.deploymentEnvironment.findMany({
    where: opts.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ position: "asc" }, { key: "asc" }],
  });
  return rows.map((r) => ({ key: r.key, label: r.label, archived: r.archivedAt !== null, production: r.production }));
}

/**
 * Changes one tier's policy (admins). Applies to requests submitted afterwards; submitted
 * requests keep the policy they were submitted under.
 * @throws ValidationError, ForbiddenError, ConflictError (someone saved the tier meanwhile).
 */
export async function updateTierPolicy(ctx: ServiceContext, rawInput: unknown): Promise<TierPolicyRow> {
  assertCan(ctx.actor, "settings:manage");
  const input = parseOrThrow(ZTierPolicyInput, rawInput);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const before = await tx.approvalPolicy.findUnique({ where: { tier: input.tier } });
    if (!before) {
      await tx.approvalPolicy.create({ data: { tier: input.tier, approvalsRequired: input.approvalsRequired, validityDays: input.validityDays } });
    } else {
      const { count } = await tx.approvalPolicy.updateMany({
        where: { tier: input.tier, rowVersion: input.expectedVersion },
        data: { approvalsRequired: input.approvalsRequired, validityDays: input.validityDays, rowVersion: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError(`Someone else changed the ${input.tier} policy after you opened it; reload and try again.`);
    }
    await appendAudit(
      tx,
      actor,
      {
        action: "approval_policy.updated",
        entityType: "ApprovalPolicy",
        entityId: input.tier,
        summary: {
          from: before ? { approvalsRequired: before.approvalsRequired, validityDays: before.validityDays } : DEFAULT_TIER_POLICY[input.tier],
          to: { approvalsRequired: input.approvalsRequired, validityDays: input.validityDays },
        },
      },
      meta,
    );
    const row = await tx.approvalPolicy.findUniqueOrThrow({ where: { tier: input.tier } });
    return { tier: row.tier, approvalsRequired: row.approvalsRequired, validityDays: row.validityDays, rowVersion: row.rowVersion };
  });
}

/**
 * Adds a target environment (admins), or brings back an archived one with a new label, marked
 * production or not (production: the deployment gate's denials there notify the system's team).
 * @throws ValidationError (bad key or label, key already active), ForbiddenError.
 */
export async function addEnvironment(ctx: ServiceContext, rawInput: unknown): Promise<EnvironmentRow> {
  assertCan(ctx.actor, "settings:manage");
  const input = parseOrThrow(ZEnvironmentInput, rawInput);
  try {
    return await withTransaction(ctx, async ({ db: tx, actor, meta }) => {
      const existing = await tx.deploymentEnvironment.findUnique({ where: { key: input.key } });
      if (existing && !existing.archivedAt) throw new ValidationError("That environment already exists.", { key: ["Already exists."] });
      const position = ((await tx.deploymentEnvironment.aggregate({ _max: { position: true } }))._max.position ?? 0) + 1;
      if (existing) await tx.deploymentEnvironment.update({ where: { key: input.key }, data: { label: input.label, production: input.production, archivedAt: null, position } });
      else await tx.deploymentEnvironment.create({ data: { key: input.key, label: input.label, production: input.production, position } });
      await appendAudit(
        tx,
        actor,
        { action: "environment.added", entityType: "DeploymentEnvironment", entityId: input.key, summary: { label: input.label, production: input.production, restored: Boolean(existing) } },
        meta,
      );
      return { key: input.key, label: input.label, archived: false, production: input.production };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError("That environment already exists.", { key: ["Already exists."] });
    throw error;
  }
}

/**
 * Archives a target environment (admins): no new requests for it; existing requests and
 * approvals keep it. At least one environment stays active.
 * @throws ValidationError, NotFound-like ValidationError for an unknown key, ForbiddenError.
 */
export async function archiveEnvironment(ctx: ServiceContext, rawKey: unknown): Promise<void> {
  assertCan(ctx.actor, "settings:manage");
  const key = parseOrThrow(zEnvironmentKey(), rawKey);
  await withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    // Serialise archiving so two admins cannot archive the last two environments at once.
    await tx.$executeRaw`LOCK TABLE "DeploymentEnvironment" IN SHARE ROW EXCLUSIVE MODE`;
    const env = await tx.deploymentEnvironment.findUnique({ where: { key } });
    if (!env || env.archivedAt) throw new ValidationError("No such active environment.", { key: ["No such active environment."] });
    const active = await tx.deploymentEnvironment.count({ where: { archivedAt: null } });
    if (active <= 1) throw new ValidationError("Keep at least one environment.", { key: ["Keep at least one environment."] });
    await tx.deploymentEnvironment.update({ where: { key }, data: { archivedAt: new Date() } });
    await appendAudit(tx, actor, { action: "environment.archived", entityType: "DeploymentEnvironment", entityId: key, summary: { label: env.label } }, meta);
  });
}
