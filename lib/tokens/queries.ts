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

/** One page of tokens and where it sits in the whole list. */
export type TokenPage = { rows: TokenRow[]; total: number; page: number; pageCount: number; pageSize: number };

/**
 * API tokens (admins only), not revoked first, newest first, one page at a time. Never
 * includes secrets or hashes.
 * @param paging `page` (1-based; out of range is clamped to the last page), `pageSize` (1–200,
 *   default 25).
 * @throws ForbiddenError (not `token:manage`).
 */
export async function listApiTokens({ actor, db }: ServiceContext, paging: { page?: number; pageSize?: number } = {}, now = new Date()): Promise<TokenPage> {
  assertCan(actor, "token:manage");
  const pageSize = Math.min(200, Math.max(1, Math.trunc(paging.pageSize ?? 25)));
  const total = await db.apiToken.count();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const requested = Math.trunc(paging.page ?? 1);
  const page = Number.isFinite(requested) ? Math.min(Math.max(1, requested), pageCount) : 1;
  const rows = await db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "asc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
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
  const mapped = rows.map((r): TokenRow => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    state: r.revokedAt ? "REVOKED" : r.expiresAt && r.expiresAt <= now ? "EXPIRED" : "ACTIVE",
  }));
  return { rows: mapped, total, page, pageCount, pageSize };
}
