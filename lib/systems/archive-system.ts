import "server-only";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, canArchiveSystem } from "@/lib/authz/policy";
import { ConflictError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { assertAllowed, loadSystemFacts } from "./access";
import { ZArchiveSystemInput } from "./schema";

/** Archives (hides from the default list, freezes edits) or restores a system. */
export async function setSystemArchived({ actor, db, meta }: ServiceContext, systemId: string, rawInput: unknown) {
  assertCan(actor, "system:archive");
  const facts = await loadSystemFacts(db, actor, systemId);
  assertAllowed(canArchiveSystem(actor, facts), "Only the owner or an admin may archive or restore this system.");
  const input = parseOrThrow(ZArchiveSystemInput, rawInput);

  return withTransaction({ actor, db, meta }, async ({ db: tx }) => {
    const { count } = await tx.aiSystem.updateMany({
      where: { id: systemId, rowVersion: input.expectedVersion },
      data: { archivedAt: input.archived ? new Date() : null, rowVersion: { increment: 1 } },
    });
    if (count === 0) throw new ConflictError("Someone else changed this system after you opened it. Reload and try again.");
    await appendAudit(
      tx,
      actor,
      {
        action: input.archived ? "system.archived" : "system.restored",
        entityType: "AiSystem",
        entityId: systemId,
        summary: { archived: input.archived },
      },
      meta,
    );
    return { id: systemId, archived: input.archived };
  });
}
