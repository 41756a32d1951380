import { NextResponse } from "next/server";
import { checkGate } from "@/lib/gate/check";
import { ZGateQuery } from "@/lib/gate/schema";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http";
import { publicOrigin } from "@/lib/http/origin";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/gate?system=<slug>&environment=<env>&digest=sha256:<hex>[&digest=…]: may these
 * artifacts of this system deploy to this environment? 200 with `{ allow, reasons, approvalId,
 * expiresAt, checkId }` for allows and denies alike (a pipeline reads `allow`); 400 naming a bad
 * parameter; 401 without a valid token; 403 without the gate:read scope. Every call is recorded
 * (lib/gate/check.ts).
 */
export const GET = route({ scope: "gate:read", query: ZGateQuery }, async ({ ctx, query, request }) => {
  const answer = await checkGate({ ...ctx, db }, query, publicOrigin(request));
  return NextResponse.json(answer, { headers: { "cache-control": "no-store" } });
});
