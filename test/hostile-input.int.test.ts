/**
 * The hostile-input sweep (issue 7, "Bad input must never reach the database as a 500"): sends
 * the values that used to crash the server (NUL, lone surrogates, out-of-range integers and
 * dates, `true` as a version, crafted cursors, wrong-typed action arguments, deep nesting,
 * `Origin: null`) to EVERY route handler, as a signed-in session and as an API token, and to
 * EVERY server action, and asserts:
 *  - no 5xx, no unhandled error, nothing logged as "our fault" (console.error);
 *  - nothing written: every table in the database (found in PostgreSQL, apart from counters
 *    and sessions that change on every call) and the audit log (apart from reads and denials,
 *    which are audited by design) are byte-for-byte the same before and after.
 *
 * Routes and actions are found on disk and must also be listed here (SWEPT_ROUTES with the real
 * values of their path parameters, SWEPT_ACTION_MODULES): a route or action module added later
 * fails the coverage tests until it is listed. Every `app/api/**\/route.ts` export must be built
 * with `route()` and every export of a "use server" module with the action wrappers, or a test
 * below fails naming it. A route whose body the sweep cannot build fails until a sample is added
 * to SAMPLE_BODIES / RAW_BODIES.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";

const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state, { requestId: "sweep", ip: "203.0.113.7" }));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));
// Actions refresh pages and set cookies through Next's request scope, which a test has not got.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers(),
}));
// Auth.js itself needs a request (and Next's module layout); the sign-in action's own parsing is what is swept here.
const authErrors = vi.hoisted(() => {
  class AuthError extends Error {}
  class CredentialsSignin extends AuthError {}
  return { AuthError, CredentialsSignin };
});
vi.mock("next-auth", () => authErrors);
vi.mock("@/lib/auth/auth", () => ({
  auth: async () => null,
  signIn: async (provider: string) => {
    // Single sign-on starts with a redirect to the provider; a password sign-in is refused.
    if (provider === "oidc") (await import("next/navigation")).redirect("/sso-start");
    throw new authErrors.CredentialsSignin();
  },
  signOut: async () => undefined,
}));

const { routeDefinition } = await import("@/lib/http");
const { actionDefinition } = await import("@/lib/server-action");
const { createApiToken } = await import("@/lib/tokens/create-token");
const { createSystem } = await import("@/lib/systems/create-system");
const { createAsset } = await import("@/lib/assets/create-asset");
const { addEvidence } = await import("@/lib/evidence/create-evidence");
const { getSigningKey } = await import("@/lib/signing");

const t = useTestDatabase();
// Each test makes hundreds to thousands of calls: seconds when idle, several times that on a
// loaded machine. The limit is generous so only a hang fails it.
const SWEEP_TIMEOUT_MS = 300_000;
const ROOT = path.resolve(import.meta.dirname, "..");

// ---------------------------------------------------------------------------------------------
// What is hostile
// ---------------------------------------------------------------------------------------------

const DEEP = 20_000;
/** Values no field of ours accepts, whatever its type. */
const NEVER_VALID: unknown[] = ["a\u0000b", "\u0000", "x\ud800y", "\udfff", 2147483648, -2147483649, 1e308, { $gt: "" }, ["a\u0000"], "x".repeat(70_000)];
const NAME_ONLY: unknown[] = ["\u200b\u200b\u200b", "evil\u202etxt.exe", " \u2060 "];
const DATE_ONLY: unknown[] = ["0000-01-01", "10000-01-01", "2027-02-30", "1899-12-31"];
const VERSION_ONLY: unknown[] = [true, "true", 0, 1.5, "2147483648", null];
const isDateKey = (key: string) => /date|due|expires/i.test(key) || /On$/.test(key);
const isNameKey = (key: string) => /^(name|title)$/.test(key);
const isVersionKey = (key: string) => /version$/i.test(key) && key !== "version";

function hostileFor(key: string): unknown[] {
  return [...NEVER_VALID, ...(isNameKey(key) ? NAME_ONLY : []), ...(isDateKey(key) ? DATE_ONLY : []), ...(isVersionKey(key) ? VERSION_ONLY : [])];
}

/** Query values that name nothing or cannot be stored (URL-encoded by URLSearchParams). */
const HOSTILE_QUERY = ["a\u0000b", "%00", "\ud800", "99999999999999999999999", "2147483648", "-1", "0000-01-01", "true", "{}", "x".repeat(5_000)];
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** Keyset cursors crafted so their value does not fit the sort. */
const CRAFTED_CURSORS = [
  cursorOf({ v: "not a date", id: "abc" }),
  cursorOf({ v: "EXTREME", id: "abc" }),
  cursorOf({ v: "0000-01-01", id: "abc" }),
  cursorOf({ v: "a\u0000b", id: "abc" }),
  cursorOf({ v: "x", id: "a\u0000b" }),
  cursorOf({ v: { $gt: "" }, id: "abc" }),
  cursorOf([1, 2]),
  "%%%not-base64%%%",
];
const SORTS = ["name", "updated", "tier", "review"];

/** JSON texts that are not an object, or not JSON at all, or nested past any sane depth. */
const BAD_BODY_TEXTS = ["", "null", "[]", '"text"', "42", "true", "{", '{"a":1}}', `${"[".repeat(DEEP)}${"]".repeat(DEEP)}`, `{"name":"\\ud800"}`, `{"name":"a\\u0000b"}`];
const BAD_BODY_BYTES = [Uint8Array.of(0xff, 0xfe, 0x7b, 0x00), Uint8Array.of(0x7b, 0xc3, 0x28, 0x7d)];

const PATH_IDS = ["a\u0000b", "\ud800", "x".repeat(300), "..", "1e400", "%00", " ", "nope"];

// ---------------------------------------------------------------------------------------------
// Finding routes and actions on disk
// ---------------------------------------------------------------------------------------------

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** The Auth.js catch-all is Auth.js's own handler, not ours. */
const ROUTES_NOT_OURS = new Set(["app/api/auth/[...nextauth]/route.ts"]);
const routeFiles = walk(path.join(ROOT, "app/api"))
  .map((f) => path.relative(ROOT, f))
  .filter((f) => f.endsWith("/route.ts") && !ROUTES_NOT_OURS.has(f))
  .sort();

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Every route handler the sweep covers, with the real values of its path parameters (so each
 * hostile value is the only thing wrong with a request). The coverage test below compares this
 * list with the disk both ways: a route added later fails the sweep until it is listed here.
 */
const SWEPT_ROUTES: Record<string, (fx: Fixture) => Record<string, string>> = {
  // A well-formed id that names no request: each hostile value is refused by its own check (404
  // for the path, 422 for the body, parsed before the request is looked up), never a 500.
  "app/api/approvals/[id]/decisions/route.ts": (f) => ({ id: f.systemId }),
  "app/api/assets/[id]/route.ts": (f) => ({ id: f.assetId }),
  "app/api/audit/export/route.ts": () => ({}),
  "app/api/evidence/[id]/download/route.ts": (f) => ({ id: f.evidenceId }),
  "app/api/evidence/[id]/route.ts": (f) => ({ id: f.evidenceId }),
  // No export exists in the sweep's fixture: a well-formed id is the valid value (404).
  "app/api/exports/[id]/download/route.ts": (f) => ({ id: f.systemId }),
  "app/api/exports/[id]/route.ts": (f) => ({ id: f.systemId }),
  // The catch-all reads no parameter (the sweep names only [param] segments, not [...rest]).
  "app/api/[...missing]/route.ts": () => ({}),
  "app/api/exports/csv/[table]/route.ts": () => ({ table: "systems" }),
  "app/api/exports/pack/route.ts": () => ({}),
  "app/api/health/live/route.ts": () => ({}),
  "app/api/health/route.ts": () => ({}),
  "app/api/incidents/export/route.ts": () => ({}),
  "app/api/inventory/export/route.ts": () => ({}),
  "app/api/library/[version]/route.ts": () => ({ version: "1.0.0" }),
  "app/api/search/route.ts": () => ({}),
  "app/api/systems/[id]/aibom/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/[id]/card/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/[id]/assets/import/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/[id]/assets/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/[id]/evidence/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/[id]/evidence/upload/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/[id]/oscal/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/[id]/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/[id]/threat-model/export/route.ts": (f) => ({ id: f.systemId }),
  "app/api/systems/route.ts": () => ({}),
  // No approval can exist on main yet (findApprovalForAttestation answers none): a well-formed id is the valid value.
  "app/api/v1/approvals/[id]/attestation/route.ts": (f) => ({ id: f.systemId }),
  "app/api/v1/gate/route.ts": () => ({}),
  "app/api/v1/keys/[keyId]/route.ts": (f) => ({ keyId: f.signingKeyId }),
  "app/api/v1/keys/route.ts": () => ({}),
  "app/api/v1/openapi.json/route.ts": () => ({}),
};

const actionFiles = ["app", "lib", "components"]
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
  .filter((f) => /^\s*["']use server["'];?/m.test(readFileSync(f, "utf8")))
  .map((f) => path.relative(ROOT, f))
  .sort();

/**
 * Every "use server" module the sweep covers. Compared with the disk both ways like
 * SWEPT_ROUTES: a module of actions added later fails the sweep until it is listed here.
 */
const SWEPT_ACTION_MODULES = [
  "app/sign-out-action.ts",
  "lib/approvals/actions.ts",
  "lib/assets/actions.ts",
  "lib/audit/actions.ts",
  "lib/auth/actions.ts",
  "lib/checklists/actions.ts",
  "lib/controls/actions.ts",
  "lib/exports/actions.ts",
  "lib/incidents/actions.ts",
  "lib/notifications/actions.ts",
  "lib/reviews/actions.ts",
  "lib/signing/actions.ts",
  "lib/systems/actions.ts",
  "lib/threats/actions.ts",
  "lib/tokens/actions.ts",
  "lib/users/actions.ts",
  "lib/webhooks/actions.ts",
];

/**
 * Actions that take no input at all, so there is nothing to parse: they are still called with
 * hostile arguments below, which they must ignore.
 */
const ACTIONS_WITHOUT_INPUT = new Set(["app/sign-out-action.ts#signOutAction"]);

// ---------------------------------------------------------------------------------------------
// Fixture rows and the "nothing written" fingerprint
// ---------------------------------------------------------------------------------------------

type Fixture = { systemId: string; assetId: string; evidenceId: string; signingKeyId: string; tokenSecret: string; admin: Actor };
let fx: Fixture;

/**
 * Tables that change on every call by design: token last use, rate-limit and sign-in failure
 * counters, sessions. Every other table in the database (found in PostgreSQL, so a table added
 * later is covered without listing it) must not change.
 */
const CHANGED_BY_DESIGN = ["_prisma_migrations", "ApiToken", "ApiRateLimit", "LoginFailure", "AuthSession"];
/** Records of reads: a GET may add to them (every gate check is recorded; exports and downloads are audited). */
const READ_RECORDS = ["AuditEvent", "GateCheck"];
/** Audit actions a refused or read-only call may write by design. */
const READ_AUDITS = ["token.denied", "inventory.exported", "library.downloaded", "evidence.downloaded", "threat_model.exported", "export.pack_created", "incidents.exported", "audit.exported"];

let tables: string[] = [];

async function fingerprint(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows = await t.db.$queryRawUnsafe<{ h: string | null; n: bigint }[]>(`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS h, count(*) AS n FROM "${table}" x`);
    out[table] = `${rows[0]!.n}:${rows[0]!.h ?? ""}`;
  }
  const audit = await t.db.$queryRawUnsafe<{ h: string | null; n: bigint }[]>(
    `SELECT md5(string_agg(x.id::text || x.action, '|' ORDER BY x.id)) AS h, count(*) AS n FROM "AuditEvent" x WHERE x.action <> ALL($1::text[])`,
    READ_AUDITS,
  );
  out.AuditEvent = `${audit[0]!.n}:${audit[0]!.h ?? ""}`;
  return out;
}

// Anything the server logs as its own fault (errorResponse and toFailure do) is a finding.
const logged: string[] = [];
const originalError = console.error;

beforeAll(async () => {
  state.db = t.db;
  const admin = await createActor(t.db, "ADMIN");
  state.actor = admin;
  const ctx = { actor: admin, db: t.db };
  const system = await createSystem(ctx, systemInput());
  const asset = await createAsset(ctx, system.id, { kind: "MODEL", name: "Sweep model", version: "1.0" });
  const evidence = await addEvidence(ctx, system.id, { kind: "NOTE", title: "Sweep note", effectiveDate: "2026-01-01", body: "Text of the note." });
  const token = await createApiToken(ctx, { name: "Sweep token", scopes: ["gate:read", "systems:read", "systems:write", "evidence:write", "export:run", "audit:read"] });
  // The sweep makes thousands of calls with one token: lift its per-minute limit.
  await t.db.apiToken.update({ where: { id: token.id }, data: { rateLimitPerMinute: 1_000_000 } });
  // The instance signing key exists before the sweep: signing creates it on first use, which is not what is swept.
  const signingKey = await getSigningKey(t.db);
  fx = { systemId: system.id, assetId: asset.id, evidenceId: evidence.id, signingKeyId: signingKey.keyId, tokenSecret: token.secret, admin };
  const found = await t.db.$queryRaw<{ name: string }[]>`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`;
  tables = found.map((r) => r.name).filter((n) => !CHANGED_BY_DESIGN.includes(n) && n !== "AuditEvent");
  console.error = (...args: unknown[]) => {
    logged.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(" ").slice(0, 500));
  };
});

afterAll(() => {
  console.error = originalError;
});

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** The real values of a route's path parameters (SWEPT_ROUTES); a route not listed there fails here by name. */
function validParams(file: string): Record<string, string> {
  const listed = SWEPT_ROUTES[file];
  if (!listed) throw new Error(`${file} is not in SWEPT_ROUTES: list it in the sweep with the real values of its path parameters`);
  return listed(fx);
}

const paramNames = (file: string) => [...file.matchAll(/\[([^\].]+)\]/g)].map((m) => m[1]!);
const urlPath = (file: string, params: Record<string, string>) =>
  `/${file.replace(/^app\//, "").replace(/\/route\.ts$/, "")}`.replace(/\[([^\]]+)\]/g, (_m, name: string) => encodeURIComponent((params[name] ?? "").toWellFormed()));

/**
 * A valid body for each route that takes JSON: the sweep replaces one field at a time with a
 * hostile value, so each field's own check is what refuses it. A new JSON route fails the
 * sweep until it has a sample here.
 */
const SAMPLE_BODIES: Record<string, () => Record<string, unknown>> = {
  "POST app/api/systems/route.ts": () => systemInput(),
  "PATCH app/api/systems/[id]/route.ts": () => ({ ...systemInput(), expectedVersion: 1 }),
  "DELETE app/api/systems/[id]/route.ts": () => ({ expectedVersion: 1 }),
  "POST app/api/systems/[id]/assets/route.ts": () => ({ kind: "DATASET", name: "Sweep dataset", version: "2", supplier: "ACME", licence: "MIT", notes: "n", sensitivity: "INTERNAL" }),
  "PATCH app/api/assets/[id]/route.ts": () => ({ kind: "MODEL", name: "Sweep model", version: "1.0", notes: "changed", expectedVersion: 1 }),
  "DELETE app/api/assets/[id]/route.ts": () => ({ expectedVersion: 1 }),
  "POST app/api/systems/[id]/evidence/route.ts": () => ({ kind: "NOTE", title: "Another note", effectiveDate: "2026-01-01", expiresAt: "2027-01-01", description: "d", body: "Body." }),
  "DELETE app/api/evidence/[id]/route.ts": () => ({ reason: "Filed against the wrong system by mistake." }),
  "POST app/api/approvals/[id]/decisions/route.ts": () => ({ outcome: "APPROVE", comment: "Reviewed the snapshot, the gate's results and the evidence." }),
};

const fixture = (name: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(path.join(ROOT, "test/fixtures/field-reports", name)));
const meta = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const validMeta = { title: "Uploaded file", effectiveDate: "2026-01-01" };
type RawBody = { headers: Record<string, string | undefined>; body: Uint8Array<ArrayBuffer> | string | FormData };
const multipart = (name: string, bytes: Uint8Array<ArrayBuffer> | string, format?: string) => {
  const form = new FormData();
  form.set("file", new File([bytes], name));
  if (format) form.set("format", format);
  return form;
};

/** Routes that read their own (non-JSON) body: hostile bodies and headers for each. */
const RAW_BODIES: Record<string, () => RawBody[]> = {
  // The JSON 404 for unknown API addresses never reads its body: any body gets the same 404.
  ...Object.fromEntries(
    ["POST", "PUT", "PATCH", "DELETE"].map((m) => [`${m} app/api/[...missing]/route.ts`, (): RawBody[] => [{ headers: { "content-type": "application/json" }, body: "{}" }, { headers: { "content-type": "text/csv" }, body: fixture("csv/nul-byte.csv") }]]),
  ),
  "POST app/api/systems/[id]/assets/import/route.ts": () => [
    { headers: { "content-type": "text/csv" }, body: fixture("csv/nul-byte.csv") },
    { headers: { "content-type": "text/csv" }, body: "kind,name,version\n" },
    { headers: { "content-type": "text/csv" }, body: "kind,name\nMODEL,\u202eevil\n" },
    { headers: { "content-type": "text/csv" }, body: "kind,name\nMODEL,\u200b\u200b\n" },
    { headers: { "content-type": "application/json" }, body: fixture("cyclonedx/nul-in-name.json") },
    { headers: { "content-type": "application/json" }, body: fixture("cyclonedx/specversion-as-number.json") },
    { headers: { "content-type": "application/json" }, body: `{"bomFormat":"CycloneDX","specVersion":"1.6","components":${"[".repeat(DEEP)}${"]".repeat(DEEP)}}` },
    {
      headers: { "content-type": "application/json" },
      body: `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${'{"type":"library","name":"x","components":['.repeat(3_000)}${"]}".repeat(3_000)}]}`,
    },
    { headers: { "content-type": "application/json" }, body: '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"\\ud800"}]}' },
    { headers: { "content-type": "application/json" }, body: "{" },
    { headers: { "content-type": "application/xml" }, body: fixture("cyclonedx/bom.xml") },
    { headers: {}, body: multipart("bom.xml", fixture("cyclonedx/bom.xml")) },
    { headers: {}, body: multipart("a\u0000b.csv", "kind,name\nMODEL,ok\u0000\n", "csv") },
    { headers: {}, body: multipart("x.csv", "kind,name\nMODEL,x\n", "a\u0000b") },
    { headers: { "content-type": "multipart/form-data; boundary=zzz" }, body: "--zzz\r\nbroken" },
  ],
  "POST app/api/systems/[id]/evidence/upload/route.ts": () => [
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta({ ...validMeta, title: "a\u0000b" }) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta({ ...validMeta, title: "x\ud800y" }) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta({ ...validMeta, title: "\u200b\u200b" }) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta({ ...validMeta, title: "evil\u202etxt" }) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta({ ...validMeta, effectiveDate: "0000-01-01" }) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta({ ...validMeta, revisionOfId: "a\u0000b" }) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta({ ...validMeta, expiresAt: "2027-02-30" }) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta([1, 2]) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta(null) }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": "%E0%A4%A" }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta({ ...validMeta, title: 7 }) }, body: "x" },
    { headers: { "x-file-name": "a.txt" }, body: "x" },
    { headers: { "x-file-name": "a.txt", "x-evidence-meta": meta(validMeta) }, body: "" },
  ],
};

type Caller = "session" | "token";
type Finding = string;

async function call(handler: (r: Request, c: { params: Promise<unknown> }) => Promise<Response>, method: Method, url: string, params: Record<string, string>, caller: Caller, init: { headers?: Record<string, string | undefined>; body?: BodyInit } = {}) {
  const headers: Record<string, string> = { host: "localhost", ...(caller === "token" ? { authorization: `Bearer ${fx.tokenSecret}` } : {}) };
  for (const [k, v] of Object.entries(init.headers ?? {})) if (v !== undefined) headers[k] = v;
  const request = new Request(`http://localhost${url}`, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : init.body, duplex: "half" } as RequestInit);
  try {
    const response = await handler(request, { params: Promise.resolve(params) });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  } catch (error) {
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
}

function expectClean(findings: Finding[], what: string) {
  const errors = logged.splice(0);
  expect({ what, findings: findings.slice(0, 20), count: findings.length, logged: errors.slice(0, 10) }).toEqual({ what, findings: [], count: 0, logged: [] });
}

describe("[BAD INPUT] every route handler", () => {
  it("the sweep finds the route handlers on disk, and every one is listed in SWEPT_ROUTES (and nothing else)", () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(23);
    const listed = Object.keys(SWEPT_ROUTES).sort();
    expect(routeFiles.filter((f) => !listed.includes(f)), "route handlers on disk the sweep does not list (add them to SWEPT_ROUTES)").toEqual([]);
    expect(listed.filter((f) => !routeFiles.includes(f)), "routes listed in SWEPT_ROUTES that no longer exist").toEqual([]);
  });

  for (const file of routeFiles) {
    describe(file, () => {
      it("every exported method is built with route()", async () => {
        const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
        const methods = METHODS.filter((m) => m in mod);
        expect(methods.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
        for (const m of methods) expect(routeDefinition(mod[m]), `${file} ${m} is not built with route() from lib/http`).toBeDefined();
      });

      for (const caller of ["session", "token"] as const) {
        it(`hostile path, query and body values as a ${caller}: no 5xx, nothing written`, async () => {
          const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, (r: Request, c: { params: Promise<unknown> }) => Promise<Response>>;
          state.actor = caller === "session" ? fx.admin : null;
          const names = paramNames(file);
          const valid = validParams(file);
          expect(Object.keys(valid).sort(), `${file}: SWEPT_ROUTES must give a value for each path parameter`).toEqual([...names].sort());
          const findings: Finding[] = [];
          const check = (what: string, status: number | string) => {
            if (typeof status === "string" || status >= 500) findings.push(`${what} → ${status}`);
            // A mutation that accepts a hostile value has written it: that is a finding too.
            else if (what.split(" ")[0] !== "GET" && status < 300) findings.push(`${what} → ${status} (accepted)`);
          };

          for (const method of METHODS.filter((m) => m in mod)) {
            const handler = mod[method]!;
            const definition = routeDefinition(handler)!;
            const before = await fingerprint();
            const url = urlPath(file, valid);

            // Path parameters.
            for (const name of names) {
              for (const bad of PATH_IDS) {
                const params = { ...valid, [name]: bad };
                check(`${method} ${name}=${JSON.stringify(bad).slice(0, 40)}`, await call(handler, method, urlPath(file, params), params, caller, { headers: { "content-type": "application/json" }, body: "{}" }));
              }
            }

            // Query parameters: every key the query schema names, plus crafted cursors per sort.
            const shape = definition.query instanceof z.ZodObject ? Object.keys(definition.query.shape) : [];
            for (const key of [...shape, "unknown"]) {
              for (const bad of HOSTILE_QUERY) {
                check(`${method} ?${key}=${JSON.stringify(bad).slice(0, 40)}`, await call(handler, method, `${url}?${new URLSearchParams({ [key]: bad })}`, valid, caller));
              }
            }
            if (shape.includes("cursor")) {
              for (const sort of SORTS) {
                for (const dir of ["asc", "desc"]) {
                  for (const cursor of CRAFTED_CURSORS) {
                    const status = await call(handler, method, `${url}?${new URLSearchParams({ sort, dir, cursor })}`, valid, caller);
                    check(`${method} crafted cursor sort=${sort}`, status);
                    if (status !== 200 && status !== 422 && status !== 400) findings.push(`${method} crafted cursor sort=${sort} → ${status} (restart from the first page or refuse)`);
                  }
                }
              }
            }

            if (method !== "GET" && method !== "HEAD") {
              const key = `${method} ${file}`;
              if (definition.body) {
                const sample = SAMPLE_BODIES[key];
                expect(sample, `${key} takes a JSON body: add a valid sample to SAMPLE_BODIES in the sweep`).toBeDefined();
                for (const text of BAD_BODY_TEXTS) check(`${method} body ${text.slice(0, 30)}`, await call(handler, method, url, valid, caller, { headers: { "content-type": "application/json" }, body: text }));
                for (const bytes of BAD_BODY_BYTES) check(`${method} non-UTF-8 body`, await call(handler, method, url, valid, caller, { headers: { "content-type": "application/json" }, body: bytes }));
                const base = sample!();
                for (const field of Object.keys(base)) {
                  for (const bad of hostileFor(field)) {
                    const body = JSON.stringify({ ...base, [field]: bad });
                    check(`${method} ${field}=${JSON.stringify(bad).slice(0, 40)}`, await call(handler, method, url, valid, caller, { headers: { "content-type": "application/json" }, body }));
                  }
                }
              } else {
                const raw = RAW_BODIES[key];
                expect(raw, `${key} reads its own body: add hostile bodies to RAW_BODIES in the sweep`).toBeDefined();
                for (const [i, one] of raw!().entries()) {
                  check(`${method} raw body #${i}`, await call(handler, method, url, valid, caller, { headers: one.headers, body: one.body as BodyInit }));
                }
              }
              // A session mutation from a sandboxed or privacy-sensitive context: refused, not a crash.
              if (caller === "session" && definition.auth !== "none") {
                const status = await call(handler, method, url, valid, caller, { headers: { origin: "null", "content-type": "application/json" }, body: "{}" });
                if (status !== 403) findings.push(`${method} Origin: null → ${status}, expected 403`);
              }
            }

            const after = await fingerprint();
            // Reads may record themselves in the audit log (exports, downloads, gate checks): for
            // GET only the data tables must be unchanged.
            const changed = Object.keys(before).filter((k) => before[k] !== after[k] && !(method === "GET" && READ_RECORDS.includes(k)));
            if (changed.length) findings.push(`${method}: rows written in ${changed.join(", ")}`);
          }
          expectClean(findings, `${file} as ${caller}`);
        }, SWEEP_TIMEOUT_MS);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Server actions
// ---------------------------------------------------------------------------------------------

/** Arguments of the wrong type: an id that is a number, an object or null, booleans as strings, ... */
const HOSTILE_ARGS: unknown[] = [42, null, undefined, {}, { id: "x" }, [], "a\u0000b", "x\ud800y", "", "x".repeat(10_000), "true", true, 2147483648, -1, "0000-01-01", new Date(0)];
/** Field names the forms of this product use; each is sent hostile on its own and all at once. */
const FORM_FIELDS = [
  "name", "title", "purpose", "slug", "riskTier", "dataSensitivity", "autonomy", "exposure", "lifecycle", "nextReviewDue", "ownerId", "contributorIds",
  "kind", "version", "supplier", "licence", "sha256", "otherDigests", "signatureRef", "sensitivity", "permissions", "dueDiligence", "capabilities",
  "credentialType", "humanApprovalRequired", "secretLocation", "rotationDays", "notes", "status", "dueDate", "justification", "itemIds", "evidenceId",
  "description", "effectiveDate", "expiresAt", "revisionOfId", "url", "body", "reason", "expectedVersion", "email", "role", "password", "current",
  "confirm", "scope", "assumptions", "source", "target", "data", "crossesTrustBoundary", "assetIds", "threatIds", "stride", "likelihood", "impact",
  "residualLikelihood", "residualImpact", "treatment", "mitigationNotes", "controlCodes", "acceptanceRationale", "acceptanceExpiresOn", "comment",
  "threatId", "scopes", "expiresOn", "rateLimitPerMinute", "format", "next", "archived", "threshold", "q", "file",
];
const HOSTILE_FORM_VALUES = ["a\u0000b", "\u0000", "2147483648", "99999999999999999999999", "0000-01-01", "true", "\u200b\u200b", "evil\u202etxt", "x".repeat(70_000)];

/** Files a form action may take (imports): each with strings PostgreSQL cannot store, or nested past any sane depth. */
function hostileFiles(): File[] {
  const td = JSON.parse(readFileSync(path.join(ROOT, "test/fixtures/threat-dragon-v2.json"), "utf8")) as { summary: { title: string; description?: string } };
  const withNul = structuredClone(td);
  withNul.summary.title = "Model\u0000";
  const withSurrogate = structuredClone(td);
  withSurrogate.summary.description = "x\ud800y";
  const nulEverywhere = JSON.stringify(td).replace(/"(title|description|name|label)":"/g, '"$1":"\\u0000');
  return [
    new File([JSON.stringify(withNul)], "threat-dragon.json", { type: "application/json" }),
    new File([JSON.stringify(withSurrogate)], "threat-dragon.json", { type: "application/json" }),
    new File([nulEverywhere], "threat-dragon.json", { type: "application/json" }),
    new File([`${"[".repeat(DEEP)}${"]".repeat(DEEP)}`], "deep.json", { type: "application/json" }),
    new File([fixture("csv/nul-byte.csv")], "nul-byte.csv", { type: "text/csv" }),
    new File([fixture("cyclonedx/nul-in-name.json")], "nul-in-name.json", { type: "application/json" }),
    new File([fixture("cyclonedx/bom.xml")], "bom.xml", { type: "application/xml" }),
    new File([Uint8Array.of(0xff, 0xfe, 0x00, 0xd8)], "broken.json", { type: "application/json" }),
  ];
}

type AnyAction = (...args: unknown[]) => Promise<unknown>;

const NEXT_SIGNALS = /NEXT_REDIRECT|NEXT_NOT_FOUND|NEXT_HTTP_ERROR_FALLBACK/;

async function invoke(action: AnyAction, args: unknown[]): Promise<string | null> {
  try {
    const result = (await action(...args)) as { ok?: boolean } | undefined;
    if (result && typeof result === "object" && result.ok === true) return `accepted: ${JSON.stringify(result).slice(0, 120)}`;
    return null;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (NEXT_SIGNALS.test(digest)) return null;
    return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(0, 300);
  }
}

describe("[BAD INPUT] every server action", () => {
  it("the sweep finds the action modules on disk, and every one is under lib/<feature>/actions.ts (or the sign-out action)", () => {
    expect(actionFiles.length).toBeGreaterThanOrEqual(11);
    expect(actionFiles.filter((f) => !SWEPT_ACTION_MODULES.includes(f)), "action modules on disk the sweep does not list (add them to SWEPT_ACTION_MODULES)").toEqual([]);
    expect(SWEPT_ACTION_MODULES.filter((f) => !actionFiles.includes(f)), "action modules listed in SWEPT_ACTION_MODULES that no longer exist").toEqual([]);
    for (const file of actionFiles) expect(/^lib\/[a-z-]+\/actions\.ts$/.test(file) || file === "app/sign-out-action.ts", `${file}: server actions live in lib/<feature>/actions.ts`).toBe(true);
  });

  for (const file of actionFiles) {
    it(`${file}: every export is built with the wrappers; hostile arguments and form values are refused, nothing written`, async () => {
      const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
      const findings: Finding[] = [];
      const exportsOf = Object.entries(mod).filter(([, v]) => typeof v === "function");
      expect(exportsOf.length, `${file} exports no action`).toBeGreaterThan(0);
      const before = await fingerprint();

      for (const [name, fn] of exportsOf) {
        const action = fn as AnyAction;
        const definition = actionDefinition(fn);
        if (!definition) {
          expect(ACTIONS_WITHOUT_INPUT.has(`${file}#${name}`), `${file} export ${name} is not built with serverAction/formAction/publicFormAction (lib/server-action.ts)`).toBe(true);
          for (const bad of HOSTILE_ARGS) {
            state.actor = fx.admin;
            const outcome = await invoke(action, [bad]);
            if (outcome?.startsWith("threw")) findings.push(`${name}(${String(bad).slice(0, 20)}) ${outcome}`);
          }
          continue;
        }
        const arity = definition.args.def.items.length;
        const realIds: unknown[] = Array.from({ length: arity }, () => fx.systemId);
        const isForm = definition.kind !== "serverAction";
        const withForm = (args: unknown[], form: FormData | unknown = new FormData()) => (isForm ? [...args, null, form] : args);

        for (const actor of [fx.admin, null]) {
          state.actor = actor;
          const record = (what: string, outcome: string | null) => {
            if (outcome) findings.push(`${name} as ${actor ? "admin" : "nobody"} ${what}: ${outcome}`);
          };
          // Missing and extra arguments.
          if (arity > 0 || isForm) record("with no arguments", await invoke(action, []));
          record("with an extra argument", await invoke(action, withForm([...realIds, "extra"])));
          // Each argument replaced by a value of the wrong type or an unstorable one.
          for (let i = 0; i < arity; i++) {
            for (const bad of HOSTILE_ARGS) {
              const args = [...realIds];
              args[i] = bad;
              record(`argument ${i + 1} = ${JSON.stringify(bad)?.slice(0, 30)}`, await invoke(action, withForm(args)));
            }
          }
          if (!isForm) continue;
          // Not a form where the form goes.
          record("without FormData", await invoke(action, [...realIds, null, { name: "x" }]));
          // Each form field hostile on its own, then every field hostile at once.
          for (const field of FORM_FIELDS) {
            for (const bad of HOSTILE_FORM_VALUES) {
              const form = new FormData();
              form.set(field, bad);
              record(`form ${field}=${JSON.stringify(bad).slice(0, 30)}`, await invoke(action, withForm(realIds, form)));
            }
          }
          for (const bad of HOSTILE_FORM_VALUES) {
            const form = new FormData();
            for (const field of FORM_FIELDS) form.set(field, bad);
            record(`every field = ${JSON.stringify(bad).slice(0, 30)}`, await invoke(action, withForm(realIds, form)));
          }
          // Hostile files, where an action takes one.
          for (const file of hostileFiles()) {
            for (const format of [undefined, "csv", "cyclonedx"]) {
              const form = new FormData();
              form.set("file", file);
              if (format) form.set("format", format);
              record(`file ${file.name}${format ? ` as ${format}` : ""}`, await invoke(action, withForm(realIds, form)));
            }
          }
        }
      }

      const after = await fingerprint();
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      if (changed.length) findings.push(`rows written in ${changed.join(", ")}`);
      expectClean(findings, file);
    }, SWEEP_TIMEOUT_MS);
  }
});
