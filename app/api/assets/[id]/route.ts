import { z } from "zod";
import { deleteAsset } from "@/lib/assets/delete-asset";
import { getAsset } from "@/lib/assets/queries";
import { updateAsset } from "@/lib/assets/update-asset";
import { jsonObjectBody, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The asset id") });

// GET /api/assets/:id - one asset with its system and what the caller may do
export const GET = route({ scope: "systems:read", params }, ({ ctx, params: { id } }) => getAsset(ctx, id));

// PATCH /api/assets/:id - change an asset (body: changed fields + expectedVersion)
export const PATCH = route({ scope: "systems:write", params, body: jsonObjectBody }, ({ ctx, params: { id }, body }) => updateAsset(ctx, id, body));

// DELETE /api/assets/:id - remove an asset (body: { expectedVersion })
export const DELETE = route({ scope: "systems:write", params, body: jsonObjectBody }, ({ ctx, params: { id }, body }) => deleteAsset(ctx, id, body));
