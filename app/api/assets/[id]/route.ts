import { deleteAsset } from "@/lib/assets/delete-asset";
import { getAsset } from "@/lib/assets/queries";
import { updateAsset } from "@/lib/assets/update-asset";
import { apiRoute, readJson } from "@/lib/http";

type Params = { id: string };

// GET /api/assets/:id - one asset with its system and what the caller may do
export const GET = apiRoute<Params>(async (ctx, _request, { id }) => getAsset(ctx, id));

// PATCH /api/assets/:id - change an asset (body: changed fields + expectedVersion)
export const PATCH = apiRoute<Params>(async (ctx, request, { id }) => updateAsset(ctx, id, await readJson(request)));

// DELETE /api/assets/:id - remove an asset (body: { expectedVersion })
export const DELETE = apiRoute<Params>(async (ctx, request, { id }) => deleteAsset(ctx, id, await readJson(request)));
