import { z } from "zod";
import { deleteEvidence } from "@/lib/evidence/delete-evidence";
import { getEvidence } from "@/lib/evidence/queries";
import { jsonObjectBody, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The evidence id") });

// GET /api/evidence/:id - one evidence item (or its tombstone) and what the caller may do with it
export const GET = route({ scope: ["systems:read", "evidence:write"], params }, ({ ctx, params: { id } }) => getEvidence(ctx, id));

// DELETE /api/evidence/:id - admin only, signed-in session only: purge the content, keep a tombstone (body: { reason })
export const DELETE = route({ params, body: jsonObjectBody }, ({ ctx, params: { id }, body }) => deleteEvidence(ctx, id, body));
