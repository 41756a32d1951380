import "server-only";
import type { DbOrTx } from "@/lib/service-context";
import type { GateApproval } from "./evaluate";

/**
 * The approval the gate judges for a system and environment. Owned by the approvals feature
 * (issue 10, "Approval requests"), which replaces this with its query over approval requests
 * and their pinned snapshot; until it lands there are no approvals, so the gate denies every
 * call with NO_APPROVAL (fail closed). Tests substitute fixtures for this module.
 */
export async function findGateApproval(db: DbOrTx, where: { systemId: string; environment: string }): Promise<GateApproval | null> {
  void db;
  void where;
  return null;
}
