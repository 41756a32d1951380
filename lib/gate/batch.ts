/**
 * How a batch of gate checks is sealed into the audit chain: the SHA-256 over the canonical
 * JSON of each row (`canonicalJson`, lib/canonical-json.ts), one per line, in id order. The
 * `gate.checks_recorded` audit event carries this digest; ./verify.ts recomputes it. Pure.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";

export type GateCheckRow = {
  id: bigint;
  checkedAt: Date;
  actorId: string;
  tokenId: string | null;
  systemSlug: string;
  systemId: string | null;
  environment: string;
  digests: string[];
  allow: boolean;
  reasons: string[];
  approvalId: string | null;
  ip: string | null;
  requestId: string | null;
};

/** The columns sealed per row, as canonical JSON (bigint id as a decimal string). */
export function gateCheckLine(row: GateCheckRow): string {
  return canonicalJson({ ...row, id: row.id.toString(), checkedAt: row.checkedAt.toISOString() });
}

/** Lower-case hex SHA-256 over the rows' lines, each followed by "\n". Rows must be in id order. */
export function gateBatchDigest(rows: readonly GateCheckRow[]): string {
  const hash = createHash("sha256");
  for (const row of rows) hash.update(gateCheckLine(row)).update("\n");
  return hash.digest("hex");
}
