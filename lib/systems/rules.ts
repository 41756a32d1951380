/** Pure rules for AI systems: no database, no Next, no auth. */
import type { LifecycleState, RiskTier } from "@/generated/prisma/enums";

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

/** System lifecycle (DESIGN.md): DRAFT → IN_REVIEW → APPROVED → DEPLOYED ⇄ PAUSED → RETIRING → RETIRED. */
export const LIFECYCLE_TRANSITIONS = {
  DRAFT: ["IN_REVIEW"],
  IN_REVIEW: ["DRAFT", "APPROVED"],
  APPROVED: ["DEPLOYED", "IN_REVIEW"],
  DEPLOYED: ["PAUSED", "RETIRING"],
  PAUSED: ["DEPLOYED", "RETIRING"],
  RETIRING: ["RETIRED"],
  RETIRED: [],
} as const satisfies Record<LifecycleState, readonly LifecycleState[]>;

export function canTransition(from: LifecycleState, to: LifecycleState): boolean {
  return from === to || (LIFECYCLE_TRANSITIONS[from] as readonly LifecycleState[]).includes(to);
}

export const TIER_ORDER: readonly RiskTier[] = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];

/** Keyset cursors are opaque to clients: base64url of the last row's sort value and id. */
export type Cursor = { v: string | null; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown;
    if (
      value &&
      typeof value === "object" &&
      typeof (value as Cursor).id === "string" &&
      ((value as Cursor).v === null || typeof (value as Cursor).v === "string")
    ) {
      return value as Cursor;
    }
  } catch {
    // fall through: a malformed cursor restarts from the first page
  }
  return null;
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
