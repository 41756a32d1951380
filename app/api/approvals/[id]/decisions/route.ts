import { NextResponse } from "next/server";
import { z } from "zod";
import { decideApprovalRequest } from "@/lib/approvals/decide-request";
import { jsonObjectBody, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId() });

// POST /api/approvals/:id/decisions - a reviewer decides: { outcome: APPROVE | REJECT |
// REQUEST_CHANGES, comment }. Signed-in people only (no API token scope decides approvals);
// the service enforces separation of duties (403) and refuses a request no longer awaiting
// review (409).
// The body is declared (a JSON object; its fields are parsed by the service's ZDecideInput) so the
// wrapper reads it within its size limit and the hostile-input sweep sends bad values to each field.
export const POST = route({ params, body: jsonObjectBody }, async ({ ctx, params: { id }, body }) => {
  const result = await decideApprovalRequest(ctx, id, body);
  return NextResponse.json({ state: result.state, approvals: result.approvals, approvalsRequired: result.approvalsRequired, expiresAt: result.expiresAt?.toISOString() ?? null }, { status: 201 });
});
