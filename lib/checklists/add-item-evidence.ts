import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/authz/policy";
import { addLinkEvidence, addNoteEvidence } from "@/lib/evidence/create-evidence";
import type { EvidenceDto } from "@/lib/evidence/queries";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { loadEditableItem } from "./access";
import { linkEvidence } from "./evidence-links";

const ZKind = z.object({ kind: z.enum(["LINK", "NOTE"], { error: "Choose a link or a note." }) });

/**
 * Adds a link or a note as evidence of the item's system AND attaches it to the item, in one
 * transaction (both audit events, `evidence.added` and `checklist.evidence_linked`, or
 * neither). `rawInput` is `{ kind: "LINK", url, title, effectiveDate, expiresAt? }` or
 * `{ kind: "NOTE", body, title, effectiveDate, expiresAt? }` (lib/evidence/schema.ts). Once
 * attached, valid evidence lets the item be marked met.
 *
 * @throws ForbiddenError (may not edit the checklist or add evidence), NotFoundError (item),
 *   ValidationError (fields, naming them).
 */
export async function addEvidenceToItem(ctx: ServiceContext, itemId: string, rawInput: unknown): Promise<EvidenceDto> {
  assertCan(ctx.actor, "checklist:edit");
  assertCan(ctx.actor, "evidence:add");
  const { kind } = parseOrThrow(ZKind, rawInput);
  const item = await loadEditableItem(ctx.db, ctx.actor, itemId);
  const systemId = item.checklist.systemId;
  return withTransaction(ctx, async (tx) => {
    const evidence = kind === "LINK" ? await addLinkEvidence(tx, systemId, rawInput) : await addNoteEvidence(tx, systemId, rawInput);
    await linkEvidence(tx, itemId, { evidenceId: evidence.id });
    return evidence;
  });
}
