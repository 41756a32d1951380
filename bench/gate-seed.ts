/**
 * Approvals for bench:gate. The approval tables belong to the approvals feature; until its
 * schema is on main there is nothing to seed, the gate's approval source answers "none", and
 * every call is a NO_APPROVAL deny (the bench says so).
 */
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/create-client";

/** The approved model digest (hex) of bench system n. */
export function benchDigestOf(n: number): string {
  return createHash("sha256").update(`bench-model-${n}`).digest("hex");
}

export async function seedBenchApprovals(db: Db, counts: { systems: number; approvals: number }): Promise<{ seeded: number; note: string | null; digestOf: (n: number) => string }> {
  void db;
  void counts;
  return { seeded: 0, note: "approvals feature not on main yet: every call is a NO_APPROVAL deny, without the approval query", digestOf: benchDigestOf };
}
