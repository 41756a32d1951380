import "server-only";
import type { DbOrTx } from "@/lib/service-context";
import type { SnapshotIncident } from "./snapshot-types";

/**
 * Open SEV1/SEV2 incidents of a system, for the snapshot's `openSevereIncidents` and so for the
 * gate rule "no open SEV1/SEV2 incident". Returns [] until the incidents feature exists: when
 * it lands, it replaces this body with its query (one row per open incident of severity SEV1 or
 * SEV2: `{ id, title, severity }`), inside the caller's transaction `db`.
 */
export async function loadOpenSevereIncidents(db: DbOrTx, systemId: string): Promise<SnapshotIncident[]> {
  void db;
  void systemId;
  return [];
}
