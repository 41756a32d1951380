import { route } from "@/lib/http";
import { ZSearchQuery } from "@/lib/search/schema";
import { searchEverything } from "@/lib/search/search-everything";

// GET /api/search?q= - systems, assets, controls and evidence whose name or title contains q, grouped by kind, within the caller's access
export const GET = route({ scope: "systems:read", query: ZSearchQuery }, ({ ctx, query }) => searchEverything(ctx, query));
