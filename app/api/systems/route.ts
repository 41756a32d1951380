import { created, jsonObjectBody, route } from "@/lib/http";
import { ZListSystemsQuery } from "@/lib/systems/schema";
import { createSystem } from "@/lib/systems/create-system";
import { listSystems } from "@/lib/systems/queries";

// GET /api/systems - one keyset page of the systems the caller may see. `total` is exact while
// `totalExact` is true (up to 1,000 matches); above that it is the database's estimate.
export const GET = route({ scope: "systems:read", query: ZListSystemsQuery }, async ({ ctx, query }) => {
  const { items, total, totalExact, nextCursor } = await listSystems(ctx, query);
  return { items, total, totalExact, nextCursor };
});

// POST /api/systems - register a new AI system
export const POST = route({ scope: "systems:write", body: jsonObjectBody }, async ({ ctx, body }) => created(await createSystem(ctx, body)));
