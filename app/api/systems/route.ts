import { created, jsonObjectBody, route } from "@/lib/http";
import { ZListSystemsQuery } from "@/lib/systems/schema";
import { createSystem } from "@/lib/systems/create-system";
import { listSystems } from "@/lib/systems/queries";

// GET /api/systems - one keyset page of the systems the caller may see
export const GET = route({ scope: "systems:read", query: ZListSystemsQuery }, async ({ ctx, query }) => {
  const { items, total, nextCursor } = await listSystems(ctx, query);
  return { items, total, nextCursor };
});

// POST /api/systems - register a new AI system
export const POST = route({ scope: "systems:write", body: jsonObjectBody }, async ({ ctx, body }) => created(await createSystem(ctx, body)));
