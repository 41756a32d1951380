import "server-only";
import { openSevereIncidents } from "@/lib/incidents/queries";
import type { DbOrTx } from "@/lib/service-context";
import type { SnapshotIncident } from "./snapshot-types";

/**
 * Open SEV1/SEV2 incidents of a system, for the snapshot's `openSevereIncidents` and so for the
 * gate rule "no open SEV1/SEV2 incident". Reads through the incidents module's
 * `openSevereIncidents` (open = OPEN, TRIAGED, CONTAINED or RESOLVED but not closed) inside the
 * caller's transaction `db`.
 * @returns one `{ id, title, severity }` per incident, most severe and oldest first.
 */
export async function loadOpenSevereIncidents(db: DbOrTx, systemId: string): Promise<SnapshotIncident[]> {
  const rows = await openSevereIncidents(db, systemId);
  return rows.map((r) => ({ id: r.id, title: r.title, severity: r.severity }));
}
