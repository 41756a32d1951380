import { z } from "zod";
import { createAsset } from "@/lib/assets/create-asset";
import { listAssets } from "@/lib/assets/queries";
import { ZListAssetsQuery } from "@/lib/assets/schema";
import { created, jsonObjectBody, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The system id") });

// GET /api/systems/:id/assets - the system's bill of materials (optionally ?kind=MODEL)
export const GET = route({ scope: "systems:read", params, query: ZListAssetsQuery }, async ({ ctx, params: { id }, query }) => ({
  items: await listAssets(ctx, id, query),
}));

// POST /api/systems/:id/assets - add an asset
export const POST = route({ scope: "systems:write", params, body: jsonObjectBody }, async ({ ctx, params: { id }, body }) => created(await createAsset(ctx, id, body)));
