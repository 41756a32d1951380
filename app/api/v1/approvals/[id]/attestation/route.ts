import { z } from "zod";
import { issueApprovalAttestation } from "@/lib/attestation/issue";
import { route } from "@/lib/http";
import { publicOrigin } from "@/lib/http/origin";
import { zId } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/approvals/<id>/attestation: the approval's in-toto Statement v1 in a DSSE
 * envelope signed with the instance key, as compact JSON on one line (docs/attestations.md
 * verifies it with sed, base64 and openssl). gate:read scope; 404 unknown, 409 not in force.
 */
export const GET = route({ scope: "gate:read", params: z.object({ id: zId("The approval id") }) }, async ({ ctx, params, request }) => {
  const envelope = await issueApprovalAttestation(ctx, params.id, publicOrigin(request));
  return new Response(JSON.stringify(envelope), {
    headers: { "content-type": "application/json", "cache-control": "no-store", "content-disposition": `attachment; filename="approval-${params.id}.dsse.json"` },
  });
});
