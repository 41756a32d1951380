import { apiRoute, readJson } from "@/lib/http";
import { setSystemArchived } from "@/lib/systems/archive-system";
import { getSystem } from "@/lib/systems/queries";
import { updateSystem } from "@/lib/systems/update-system";

type Params = { id: string };

// GET /api/systems/:id - one system with what the caller may do to it
export const GET = apiRoute<Params>((ctx, _request, { id }) => getSystem(ctx, id));

// PATCH /api/systems/:id - save the system's fields (body carries expectedVersion)
export const PATCH = apiRoute<Params>(async (ctx, request, { id }) => updateSystem(ctx, id, await readJson(request)));

// DELETE /api/systems/:id - archive the system (reversible); body carries expectedVersion
export const DELETE = apiRoute<Params>(async (ctx, request, { id }) => {
  const body = (await readJson(request)) as Record<string, unknown>;
  return setSystemArchived(ctx, id, { archived: true, expectedVersion: body?.expectedVersion });
});
