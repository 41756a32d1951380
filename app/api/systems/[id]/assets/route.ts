import { NextResponse } from "next/server";
import { createAsset } from "@/lib/assets/create-asset";
import { listAssets } from "@/lib/assets/queries";
import { apiRoute, readJson } from "@/lib/http";

type Params = { id: string };

// GET /api/systems/:id/assets - the system's bill of materials (optionally ?kind=MODEL)
export const GET = apiRoute<Params>(async (ctx, request, { id }) => {
  const kind = new URL(request.url).searchParams.get("kind") ?? undefined;
  return { items: await listAssets(ctx, id, { kind }) };
});

// POST /api/systems/:id/assets - add an asset
export const POST = apiRoute<Params>(async (ctx, request, { id }) => {
  return NextResponse.json(await createAsset(ctx, id, await readJson(request)), { status: 201 });
});
