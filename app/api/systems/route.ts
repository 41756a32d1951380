import { NextResponse } from "next/server";
import { apiRoute, readJson } from "@/lib/http";
import { paramsObject } from "@/lib/search-params";
import { createSystem } from "@/lib/systems/create-system";
import { listSystems } from "@/lib/systems/queries";

// GET /api/systems - one keyset page of the systems the caller may see
export const GET = apiRoute(async (ctx, request) => {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) query[key] = params.getAll(key);
  const { items, total, nextCursor } = await listSystems(ctx, paramsObject(query));
  return { items, total, nextCursor };
});

// POST /api/systems - register a new AI system
export const POST = apiRoute(async (ctx, request) => {
  const system = await createSystem(ctx, await readJson(request));
  return NextResponse.json(system, { status: 201 });
});
