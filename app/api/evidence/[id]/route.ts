import { deleteEvidence } from "@/lib/evidence/delete-evidence";
import { getEvidence } from "@/lib/evidence/queries";
import { apiRoute, readJson } from "@/lib/http";

type Params = { id: string };

// GET /api/evidence/:id - one evidence item (or its tombstone) and what the caller may do with it
export const GET = apiRoute<Params>(async (ctx, _request, { id }) => getEvidence(ctx, id));

// DELETE /api/evidence/:id - admin only: purge the content, keep a tombstone (body: { reason })
export const DELETE = apiRoute<Params>(async (ctx, request, { id }) => deleteEvidence(ctx, id, await readJson(request)));
