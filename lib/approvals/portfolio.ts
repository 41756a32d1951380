import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { assertCan, systemScopeWhere } from "@/lib/authz/policy";
import type { ServiceContext } from "@/lib/service-context";
import { parseOrThrow } from "@/lib/validation";
import { ROW_SELECT, toItem, type ApprovalListItem } from "./queries";
import { ZListApprovals, type TListApprovals } from "./schema";

const DAY_MS = 86_400_000;
export const APPROVALS_PAGE_SIZE = 50;

/**
 * The `where` of the filtered approvals list (/approvals?view=all&…) and of the home page's
 * approval figures, so a figure counts exactly what its link lists. Live (not archived)
 * systems the actor may see only.
 * - `state`: that state;
 * - `expiring=<days>`: APPROVED and expiring from `now` to `now + days`;
 * - `closedWithin=<days>`: reached its state (closedAt) in the last `days` days (e.g. went stale);
 * - `exception=in-force`: APPROVED with a recorded exception whose end day is today or later.
 */
export function approvalsWhere(ctx: ServiceContext, query: TListApprovals, now: Date): Prisma.ApprovalRequestWhereInput {
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  const and: Prisma.ApprovalRequestWhereInput[] = [{ system: { AND: [systemScopeWhere(ctx.actor), { archivedAt: null }] } }];
  if (query.state) and.push({ state: query.state });
  if (query.expiring) and.push({ state: "APPROVED", expiresAt: { gte: now, lte: new Date(now.getTime() + query.expiring * DAY_MS) } });
  if (query.closedWithin) and.push({ closedAt: { gte: new Date(now.getTime() - query.closedWithin * DAY_MS) } });
  if (query.exception === "in-force") and.push({ state: "APPROVED", exception: { is: { expiresOn: { gte: today } } } });
  return { AND: and };
}

/**
 * How many requests the filtered approvals list shows for `rawQuery` (`ZListApprovals`).
 * @throws ForbiddenError (no `approval:read`), ValidationError.
 */
export async function countApprovals(ctx: ServiceContext, rawQuery: unknown, now: Date = new Date()): Promise<number> {
  assertCan(ctx.actor, "approval:read");
  return ctx.db.approvalRequest.count({ where: approvalsWhere(ctx, parseOrThrow(ZListApprovals, rawQuery), now) });
}

/**
 * One page (50) of the filtered approvals list over every live system the actor may see,
 * oldest submission first, with the total.
 * @returns `{ total, page, pageSize, query, items: ApprovalListItem[] }`.
 * @throws ForbiddenError, ValidationError.
 */
export async function listApprovals(ctx: ServiceContext, rawQuery: unknown, now: Date = new Date()) {
  assertCan(ctx.actor, "approval:read");
  const query = parseOrThrow(ZListApprovals, rawQuery);
  const where = approvalsWhere(ctx, query, now);
  const [total, rows] = await Promise.all([
    ctx.db.approvalRequest.count({ where }),
    ctx.db.approvalRequest.findMany({
      where,
      orderBy: [{ submittedAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      skip: (query.page - 1) * APPROVALS_PAGE_SIZE,
      take: APPROVALS_PAGE_SIZE,
      select: ROW_SELECT,
    }),
  ]);
  return {
    total,
    page: query.page,
    pageSize: APPROVALS_PAGE_SIZE,
    query,
    items: rows.map((r): ApprovalListItem => toItem(r, now)),
  };
}
