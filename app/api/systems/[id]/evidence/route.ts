import { z } from "zod";
import { addEvidence } from "@/lib/evidence/create-evidence";
import { listEvidence } from "@/lib/evidence/queries";
import { ZListEvidenceQuery } from "@/lib/evidence/schema";
import { created, jsonObjectBody, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The system id") });

// GET /api/systems/:id/evidence - the system's evidence, newest first (?includeDeleted=true adds tombstones)
export const GET = route({ scope: ["systems:read", "evidence:write"], params, query: ZListEvidenceQuery }, async ({ ctx, params: { id }, query }) => ({
  items: await listEvidence(ctx, id, query),
}));

// POST /api/systems/:id/evidence - add a link or a note (JSON: { kind: "LINK" | "NOTE", title, effectiveDate, ... })
export const POST = route({ scope: "evidence:write", params, body: jsonObjectBody }, async ({ ctx, params: { id }, body }) => created(await addEvidence(ctx, id, body)));
