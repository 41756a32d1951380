import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/policy";
import { GENESIS_HASH, verifyRun, type ChainBreak } from "./chain";
import type { DbOrTx } from "@/lib/service-context";

export type ChainReport = { ok: boolean; checked: number; broken: ChainBreak | null; lastHash: string };

const BATCH = 2000;

/** Walks the whole chain in id order and reports the first broken link. */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterId: bigint | undefined;
  let checked = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: afterId === undefined ? {} : { id: { gt: afterId } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    const run = verifyRun(
      prevHash,
      rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() })),
    );
    if (run.broken) {
      const index = rows.findIndex((r) => String(r.id) === run.broken!.id);
      return { ok: false, checked: checked + index, broken: run.broken, lastHash: run.lastHash };
    }
    checked += rows.length;
    prevHash = run.lastHash;
    afterId = rows[rows.length - 1]!.id;
  }
  return { ok: true, checked, broken: null, lastHash: prevHash };
}

export async function verifyAuditChainFor({ actor, db }: { actor: Actor; db: DbOrTx }) {
  assertCan(actor, "audit:verify");
  return verifyAuditChain(db);
}
