import "server-only";
import type { DbOrTx } from "@/lib/service-context";
import type { AttestationApproval } from "./types";

/**
 * Loads an approval with everything its attestation states. Owned by the approvals feature
 * (issue 10), which replaces this with its query; until it lands there are no approvals and
 * every attestation request answers 404. Tests substitute fixtures for this module.
 */
export async function findApprovalForAttestation(db: DbOrTx, approvalId: string): Promise<AttestationApproval | null> {
  void db;
  void approvalId;
  return null;
}
