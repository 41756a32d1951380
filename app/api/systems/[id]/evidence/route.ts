import { NextResponse } from "next/server";
import { addEvidence } from "@/lib/evidence/create-evidence";
import { listEvidence } from "@/lib/evidence/queries";
import { apiRoute, readJson } from "@/lib/http";

type Params = { id: string };

// GET /api/systems/:id/evidence - the system's evidence, newest first (?includeDeleted=true adds tombstones)
export const GET = apiRoute<Params>(async (ctx, request, { id }) => {
  const includeDeleted = new URL(request.url).searchParams.get("includeDeleted") ?? undefined;
  return { items: await listEvidence(ctx, id, { includeDeleted }) };
});

// POST /api/systems/:id/evidence - add a link or a note (JSON: { kind: "LINK" | "NOTE", title, effectiveDate, ... })
export const POST = apiRoute<Params>(async (ctx, request, { id }) => {
  return NextResponse.json(await addEvidence(ctx, id, await readJson(request)), { status: 201 });
});
