import { z } from "zod";
import { jsonObjectBody, route } from "@/lib/http";
import { setSystemArchived } from "@/lib/systems/archive-system";
import { getSystem } from "@/lib/systems/queries";
import { updateSystem } from "@/lib/systems/update-system";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The system id") });

// GET /api/systems/:id - one system with what the caller may do to it
export const GET = route({ scope: "systems:read", params }, ({ ctx, params: { id } }) => getSystem(ctx, id));

// PATCH /api/systems/:id - save the system's fields (body carries expectedVersion)
export const PATCH = route({ scope: "systems:write", params, body: jsonObjectBody }, ({ ctx, params: { id }, body }) => updateSystem(ctx, id, body));

// DELETE /api/systems/:id - archive the system (reversible); body carries expectedVersion
export const DELETE = route({ scope: "systems:write", params, body: jsonObjectBody }, ({ ctx, params: { id }, body }) =>
  setSystemArchived(ctx, id, { archived: true, expectedVersion: body.expectedVersion }),
);
