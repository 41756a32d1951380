import type { Role } from "@/generated/prisma/enums";

const PRIORITY: Role[] = ["ADMIN", "SECURITY_REVIEWER", "AUDITOR", "PRODUCT_OWNER"];

/**
 * Maps an OIDC claim (a string or a list, e.g. `groups`) to a role through the configured
 * mapping. Several matches give the most privileged one; no match gives null (no access).
 */
export function roleFromClaim(claim: unknown, mapping: Record<string, Role>): Role | null {
  const values = Array.isArray(claim) ? claim.map(String) : typeof claim === "string" ? [claim] : [];
  const roles = new Set(values.map((v) => mapping[v]).filter((r): r is Role => Boolean(r)));
  return PRIORITY.find((r) => roles.has(r)) ?? null;
}
