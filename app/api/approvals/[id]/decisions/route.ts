import { NextResponse } from "next/server";
import { z } from "zod";
import { decideApprovalRequest } from "@/lib/approvals/decide-request";
import { readJson, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId() });

// POST /api/approvals/:id/decisions - a reviewer decides: { outcome: APPROVE | REJECT |
// REQUEST_CHANGES, comment }. Signed-in people only (no API token scope decides approvals);
// the service enforces separation of duties (403) and refuses a request no longer awaiting
// review (409).
export const POST = route({ params }, async ({ ctx, request, params: { id } }) => {
  const result = await decideApprovalRequest(ctx, id, await readJson(request));
  return NextResponse.json({ state: result.state, approvals: result.approvals, approvalsRequired: result.approvalsRequired, expiresAt: result.expiresAt?.toISOString() ?? null }, { status: 201 });
});
