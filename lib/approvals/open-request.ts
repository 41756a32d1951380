import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { parseOrThrow } from "@/lib/validation";
import { assertMayRequest, assertSystemTakesApprovals, lockSystemApprovals } from "./access";
import { ZOpenRequestInput } from "./schema";
import { REQUESTER_OPEN_STATES } from "./states";

/**
 * Opens a DRAFT approval request for one release of a system and one target environment.
 * The system's owner, a contributor or an admin may; the environment must be an active one.
 * One open request (draft, submitted or changes requested) per system and environment.
 *
 * @param rawInput `{ systemId, releaseLabel, environment }`
 * @returns `{ id, rowVersion }` of the new request.
 * A system being retired or retired takes no new request (`assertSystemTakesApprovals`; a
 * PAUSED one does: the gate denies it anyway).
 * @throws ValidationError (bad input, unknown environment, archived, retiring or retired
 *   system, an open request exists), ForbiddenError, NotFoundError (system not visible).
 */
export async function openApprovalRequest(ctx: ServiceContext, rawInput: unknown): Promise<{ id: string; rowVersion: number }> {
  assertCan(ctx.actor, "approval:request");
  const input = parseOrThrow(ZOpenRequestInput, rawInput);
  return withTransaction(ctx, async ({ db: tx, actor, meta }) => {
    const facts = await loadSystemFacts(tx, actor, input.systemId);
    assertMayRequest(actor, facts);
    if (facts.archivedAt) throw new ValidationError("Restore this archived system before requesting its approval.");
    const env = await tx.deploymentEnvironment.findUnique({ where: { key: input.environment } });
    if (!env || env.archivedAt) {
      throw new ValidationError("Choose one of the configured environments.", { environment: ["Choose one of the configured environments."] });
    }
    await lockSystemApprovals(tx, input.systemId);
    await assertSystemTakesApprovals(tx, input.systemId, "request an approval");
    const open = await tx.approvalRequest.findFirst({
      where: { systemId: input.systemId, environment: input.environment, state: { in: [...REQUESTER_OPEN_STATES, "SUBMITTED"] } },
      select: { id: true, releaseLabel: true },
    });
    if (open) {
      throw new ValidationError(`A request for ${env.label} is already open (release ${open.releaseLabel}): continue or withdraw it first.`, {
        environment: ["A request for this environment is already open."],
      });
    }
    const request = await tx.approvalRequest.create({
      data: { systemId: input.systemId, releaseLabel: input.releaseLabel, environment: input.environment, requesterId: actor.id },
      select: { id: true, rowVersion: true },
    });
    await appendAudit(
      tx,
      actor,
      {
        action: "approval.opened",
        entityType: "ApprovalRequest",
        entityId: request.id,
        summary: { systemId: input.systemId, releaseLabel: input.releaseLabel, environment: input.environment },
      },
      meta,
    );
    return request;
  });
}
