import "server-only";
import { assertCan } from "@/lib/authz/policy";
import type { ServiceContext } from "@/lib/service-context";

export type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  owner: { id: string; name: string; email: string };
  rateLimitPerMinute: number;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  /** ACTIVE, EXPIRED or REVOKED, as of `now`. */
  state: "ACTIVE" | "EXPIRED" | "REVOKED";
};

/** Every API token (admins only), active ones first, newest first. Never includes secrets or hashes. */
export async function listApiTokens({ actor, db }: ServiceContext, now = new Date()): Promise<TokenRow[]> {
  assertCan(actor, "token:manage");
  const rows = await db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      rateLimitPerMinute: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      lastUsedIp: true,
      revokedAt: true,
      owner: { select: { id: true, name: true, email: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    state: r.revokedAt ? "REVOKED" : r.expiresAt && r.expiresAt <= now ? "EXPIRED" : "ACTIVE",
  }));
}
