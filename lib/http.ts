import "server-only";
import { NextResponse } from "next/server";
import { AppError, ForbiddenError, ValidationError, ConflictError } from "@/lib/errors";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import type { ServiceContext } from "@/lib/service-context";

/**
 * Cookie-authenticated mutations must come from our own pages: browsers send Origin on
 * cross-site POSTs, and `Sec-Fetch-Site` tells us when a request is cross-site.
 */
export function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && new URL(origin).host !== host) throw new ForbiddenError("Cross-site request refused.");
  if (request.headers.get("sec-fetch-site") === "cross-site") throw new ForbiddenError("Cross-site request refused.");
}

export function errorResponse(error: unknown) {
  if (error instanceof AppError) {
    const body: Record<string, unknown> = { error: { code: error.code, message: error.message } };
    if (error instanceof ValidationError) body.error = { ...(body.error as object), fieldErrors: error.fieldErrors };
    if (error instanceof ConflictError) body.error = { ...(body.error as object), current: error.current };
    return NextResponse.json(body, { status: error.status });
  }
  console.error(error);
  return NextResponse.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, { status: 500 });
}

/** Wraps a route handler: same-origin check, signed-in actor, error mapping. */
export function apiRoute<P>(
  handler: (ctx: ServiceContext, request: Request, params: P) => Promise<Response | unknown>,
) {
  return async (request: Request, context: { params: Promise<P> }) => {
    try {
      assertSameOrigin(request);
      const actor = await requireApiActor();
      const ctx: ServiceContext = { actor, db, meta: await requestMeta() };
      const result = await handler(ctx, request, await context.params);
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads a JSON body, turning malformed JSON into a 422 instead of a 500. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ValidationError("The request body must be valid JSON.");
  }
}
