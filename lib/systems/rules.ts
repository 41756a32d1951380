/** Pure rules for AI systems: no database, no Next, no auth. */
import type { RiskTier } from "@/generated/prisma/enums";
import { DATE_MAX, DATE_MIN, isStorableText } from "@/lib/validation/fields";

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 56)
    .replace(/-+$/g, "");
  return slug || "system";
}

// The lifecycle table lives with the rest of the lifecycle rules.
export { LIFECYCLE_TRANSITIONS, canTransition } from "./lifecycle-rules";

export const TIER_ORDER: readonly RiskTier[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

/** Keyset cursors are opaque to clients: base64url of the last row's sort value and id. */
export type Cursor = { v: string | null; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export type CursorSort = "name" | "updated" | "tier" | "review" | "readiness";

const CURSOR_ID = /^[A-Za-z0-9_-]{1,64}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const inDateRange = (day: string) => day >= DATE_MIN && day <= DATE_MAX;

/** True when `v` is a sort value that `sort` could have written (see sortValue in queries.ts). */
function fitsSort(v: string | null, sort: CursorSort): boolean {
  switch (sort) {
    case "name":
      // Names are stored text: no NUL, no lone surrogate, at most 120 characters (the column's rule).
      return v !== null && v.length <= 200 && isStorableText(v);
    case "updated":
      return v !== null && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)) && inDateRange(v.slice(0, 10));
    case "tier":
      return v !== null && (TIER_ORDER as readonly string[]).includes(v);
    case "review":
      return v === null || (ISO_DAY.test(v) && inDateRange(v) && new Date(`${v}T00:00:00.000Z`).toISOString().startsWith(v));
    case "readiness":
      // A whole percent 0-100, or null for a system without a checklist.
      return v === null || (/^\d{1,3}$/.test(v) && Number(v) <= 100);
  }
}

/**
 * The cursor a client sent back, or null to start from the first page. Cursors are opaque but
 * crafted ones arrive too: anything that is not base64url JSON of `{ v, id }` whose id looks like
 * an id and whose value fits `sort` (a date for a date sort, a known tier, ...) restarts the
 * list rather than reaching the database as a query it cannot run.
 */
export function decodeCursor(raw: string | undefined, sort: CursorSort): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (!value || typeof value !== "object") return null;
    const { v, id } = value as Record<string, unknown>;
    if (typeof id !== "string" || !CURSOR_ID.test(id)) return null;
    if (v !== null && typeof v !== "string") return null;
    return fitsSort(v, sort) ? { v, id } : null;
  } catch {
    return null; // not base64url JSON: restart from the first page
  }
}

/** Field-level diff for audit summaries: only what changed, before and after. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const prev = before[key];
    if (JSON.stringify(normalise(prev)) !== JSON.stringify(normalise(value))) {
      changes[key] = { from: normalise(prev), to: normalise(value) };
    }
  }
  return changes;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return [...value].map(normalise).sort();
  return value ?? null;
}
