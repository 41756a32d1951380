import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import type { ApiScope } from "@/lib/authz/scopes";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import {
  AppError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
  type FieldErrors,
} from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { authenticateToken, recordTokenDenied } from "@/lib/tokens/authenticate";
import { zodFieldErrors } from "@/lib/validation";
import { DEFAULT_BODY_LIMIT_BYTES, readJsonBody } from "./read-body";

export { DEFAULT_BODY_LIMIT_BYTES, readBodyBytes, readFormDataBody, readJsonBody } from "./read-body";

/**
 * Reads a JSON body within `maxBytes` (default 1 MiB), counting bytes as they arrive.
 * @throws PayloadTooLargeError (413); ValidationError (422) for an empty body, non-UTF-8 bytes or malformed JSON.
 */
export function readJson(request: Request, maxBytes = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  return readJsonBody(request, { maxBytes });
}

/**
 * Cookie-authenticated mutations must come from our own pages: browsers send Origin on
 * cross-site POSTs (and `Origin: null` from sandboxed or privacy-sensitive contexts), and
 * `Sec-Fetch-Site` tells us when a request is cross-site. Anything we cannot prove same-origin
 * is refused.
 * @throws ForbiddenError (403).
 */
export function assertSameOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin !== null) {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null; // "null" or garbage: not our origin
    }
    if (!originHost || (host && originHost !== host)) throw new ForbiddenError("Cross-site request refused.");
  }
  if (request.headers.get("sec-fetch-site") === "cross-site") throw new ForbiddenError("Cross-site request refused.");
}

/**
 * The one error → HTTP mapping for route handlers. Every AppError keeps its status and message
 * (with `fieldErrors` for validation, `current` for conflicts, Retry-After for rate limits);
 * anything else is logged and answered 500 without internals.
 */
export function errorResponse(error: unknown) {
  if (error instanceof AppError) {
    const body: { code: string; message: string; fieldErrors?: FieldErrors; current?: unknown } = { code: error.code, message: namingTheField(error) };
    if (error instanceof ValidationError || error instanceof BadRequestError) body.fieldErrors = error.fieldErrors;
    if (error instanceof ConflictError) body.current = error.current;
    const headers = new Headers();
    if (error instanceof TooManyRequestsError) headers.set("Retry-After", String(error.retryAfterSeconds));
    if (error instanceof UnauthenticatedError) headers.set("WWW-Authenticate", 'Bearer realm="aigov"');
    return NextResponse.json({ error: body }, { status: error.status, headers });
  }
  console.error(error);
  return NextResponse.json({ error: { code: "INTERNAL", message: "Something went wrong on our side." } }, { status: 500 });
}

/**
 * An API caller has no highlighted form: a validation message that only says "correct the
 * highlighted fields" gets the first field and its problem appended ("… (name: The name
 * contains a NUL character …)"); the full list stays in `fieldErrors`.
 */
function namingTheField(error: AppError): string {
  if (!(error instanceof ValidationError) || !/highlighted fields\.?$/.test(error.message)) return error.message;
  const first = Object.entries(error.fieldErrors).find(([, messages]) => messages.length > 0);
  if (!first) return error.message;
  return `${error.message.replace(/\.$/, "")} (${first[0]}: ${first[1][0]})`;
}

/**
 * Query parameters as an object: a repeated key becomes an array, a single one a string, and an
 * empty value counts as absent (a GET form sends `?q=` for an untouched field).
 */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key).filter((v) => v !== "");
    if (all.length === 0) continue;
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

type RouteOptions<P, Q, B> = {
  /**
   * The scope an API token needs for this route (a list: any one of them). Routes without one accept only a signed-in
   * browser session. Services check permissions too (a token's role and scopes, see
   * lib/authz/policy.ts `can`), so the scope is a first gate, not the only one.
   */
  scope?: ApiScope | readonly ApiScope[];
  /** Path parameters. A value that does not parse names no record: 404. */
  params?: z.ZodType<P>;
  /** Query parameters (see `queryObject`). A value that does not parse: 400 naming it. */
  query?: z.ZodType<Q>;
  /** JSON body. A body that does not parse: 422 with field errors. */
  body?: z.ZodType<B>;
  /** Largest accepted JSON body, in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** `none`: no caller needed (health, public keys, the OpenAPI document). Default `required`. */
  auth?: "required" | "none";
};

/**
 * What `route()` knows about a handler it built (scope, schemas, auth). Kept per function so
 * tests can enumerate every route handler and prove each one is built with `route()` (the
 * hostile-input sweep in test/hostile-input.int.test.ts sends bad values to every parameter
 * the schemas name).
 */
export type RouteDefinition = {
  scope?: ApiScope | readonly ApiScope[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  auth: "required" | "none";
};
const routeDefinitions = new WeakMap<object, RouteDefinition>();

/** The definition of a handler built by `route()`; undefined for anything else. */
export function routeDefinition(handler: unknown): RouteDefinition | undefined {
  return typeof handler === "function" ? routeDefinitions.get(handler) : undefined;
}

export type RouteInput<P, Q, B> = { ctx: ServiceContext; request: Request; params: P; query: Q; body: B };
type PublicRouteInput<P, Q, B> = { ctx: null; request: Request; params: P; query: Q; body: B };

/** A JSON response with status 201 Created. */
export function created(data: unknown) {
  return NextResponse.json(data, { status: 201 });
}

/**
 * Resolves who is calling: `Authorization: Bearer <API token>` (no same-origin check: tokens are
 * not sent by browsers on their own; the route must name a scope the token holds), or else the
 * session cookie (mutations must be same-origin).
 * @throws UnauthenticatedError, ForbiddenError, TooManyRequestsError.
 */
async function resolveActor(request: Request, scope: ApiScope | readonly ApiScope[] | undefined): Promise<Actor> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new UnauthenticatedError("Use the header Authorization: Bearer <API token>.");
    const actor = await authenticateToken(db, match[1]!, await requestMeta());
    if (!scope) {
      await recordTokenDenied(db, actor, "This endpoint does not accept API tokens.", await requestMeta());
      throw new ForbiddenError("This endpoint does not accept API tokens; sign in instead.");
    }
    const accepted: readonly ApiScope[] = typeof scope === "string" ? [scope] : scope;
    if (!accepted.some((s) => actor.token.scopes.includes(s))) {
      const reason = `This API token lacks the ${accepted.join(" or ")} scope.`;
      await recordTokenDenied(db, actor, reason, await requestMeta());
      throw new ForbiddenError(reason);
    }
    return actor;
  }
  assertSameOrigin(request);
  return requireApiActor();
}

/**
 * A JSON body that must be an object; its fields are parsed by the service's own schema (one
 * schema for form, action and route), so the route only refuses arrays, strings and null.
 */
export const jsonObjectBody = z.record(z.string(), z.unknown(), { error: "The request body must be a JSON object." });

function invalidBody(error: z.ZodError): ValidationError {
  const fieldErrors = zodFieldErrors(error);
  const first = Object.entries(fieldErrors)[0];
  return new ValidationError(first?.[0] === "_form" ? first[1][0]! : "Please correct the highlighted fields.", fieldErrors);
}

function badRequest(error: z.ZodError, what: string): BadRequestError {
  const fieldErrors = zodFieldErrors(error);
  const first = Object.entries(fieldErrors)[0];
  return new BadRequestError(first ? `Invalid ${what} parameter "${first[0]}": ${first[1][0]}` : `Invalid ${what} parameters.`, fieldErrors);
}

/**
 * The one wrapper for route handlers: resolves the caller (session or API token, with the
 * same-origin check for sessions and the scope check for tokens, and the token's rate limit),
 * parses path, query and JSON body with Zod, runs the handler and maps every error to HTTP
 * (`errorResponse`). A handler returns a Response or data (sent as JSON, 200).
 *
 * A service refusing a token caller (403) is audited as `token.denied`.
 */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  options: RouteOptions<P, Q, B> & { auth: "none" },
  handler: (input: PublicRouteInput<P, Q, B>) => Promise<Response | unknown>,
): (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  options: RouteOptions<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<Response | unknown>,
): (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
export function route<P, Q, B>(options: RouteOptions<P, Q, B>, handler: (input: never) => Promise<Response | unknown>) {
  const run = handler as (input: RouteInput<P, Q, B> | PublicRouteInput<P, Q, B>) => Promise<Response | unknown>;
  const wrapped = async (request: Request, context: { params: Promise<unknown> }): Promise<Response> => {
    let actor: Actor | null = null;
    try {
      const rawParams = (await context?.params) ?? {};
      let params = rawParams as P;
      if (options.params) {
        const parsed = options.params.safeParse(rawParams);
        if (!parsed.success) throw new NotFoundError();
        params = parsed.data;
      }
      let query = {} as Q;
      if (options.query) {
        const parsed = options.query.safeParse(queryObject(new URL(request.url)));
        if (!parsed.success) throw badRequest(parsed.error, "query");
        query = parsed.data;
      }
      if (options.auth !== "none") actor = await resolveActor(request, options.scope);
      let body = undefined as B;
      if (options.body) {
        const parsed = options.body.safeParse(await readJson(request, options.bodyLimitBytes));
        if (!parsed.success) throw invalidBody(parsed.error);
        body = parsed.data;
      }
      const ctx = actor ? { actor, db, meta: await requestMeta() } : null;
      const result = await run({ ctx, request, params, query, body } as RouteInput<P, Q, B>);
      return result instanceof Response ? result : NextResponse.json(result ?? null);
    } catch (error) {
      if (actor?.kind === "token" && error instanceof ForbiddenError) {
        await recordTokenDenied(db, actor, error.message, await requestMeta()).catch((e: unknown) => console.error(e));
      }
      return errorResponse(error);
    }
  };
  routeDefinitions.set(wrapped, { scope: options.scope, params: options.params, query: options.query, body: options.body, auth: options.auth ?? "required" });
  return wrapped;
}
