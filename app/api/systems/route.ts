import { created, queryObject, readJson, route } from "@/lib/http";
import { paramsObject } from "@/lib/search-params";
import { createSystem } from "@/lib/systems/create-system";
import { listSystems } from "@/lib/systems/queries";

// GET /api/systems - one keyset page of the systems the caller may see
export const GET = route({ scope: "systems:read" }, async ({ ctx, request }) => {
  const { items, total, nextCursor } = await listSystems(ctx, paramsObject(queryObject(new URL(request.url))));
  return { items, total, nextCursor };
});

// POST /api/systems - register a new AI system
export const POST = route({ scope: "systems:write" }, async ({ ctx, request }) => created(await createSystem(ctx, await readJson(request))));
