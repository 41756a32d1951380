/**
 * Canonical JSON: object keys sorted at every depth, so equal data always gives the same text.
 * The audit chain hashes it (lib/audit/chain.ts) and comparisons of jsonb values use it (jsonb
 * returns keys in its own order). One implementation: a second one that sorted differently
 * would break the chain's hashes.
 */

/**
 * JSON text with object keys sorted (by UTF-16 code units) at every depth; `undefined` members
 * are dropped and `undefined` array items become null, as `JSON.stringify` does; Dates become
 * their ISO string.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    return JSON.stringify(value ?? null);
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** A copy of JSON data with keys in canonical order (for deep comparison and stable output). */
export function canonicalize<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(canonicalJson(value)) as T);
}
