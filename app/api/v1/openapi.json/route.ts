import { NextResponse } from "next/server";
import { route } from "@/lib/http";
import { publicOrigin } from "@/lib/http/origin";
import { openApiDocument } from "@/lib/openapi/document";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of every route (no authentication). */
export const GET = route({ auth: "none" }, async ({ request }) => NextResponse.json(openApiDocument(publicOrigin(request)), { headers: { "cache-control": "public, max-age=300" } }));
