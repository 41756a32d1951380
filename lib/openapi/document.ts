/**
 * The OpenAPI 3.1 description of every HTTP route under app/api, generated from the Zod schemas
 * the routes parse with (@asteasolutions/zod-to-openapi 9, MIT). Served at
 * /api/v1/openapi.json and rendered at /api-reference. A test (./document.test.ts) fails when a
 * route file or method under app/api is missing here: add new routes to `ROUTES` below.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ZDeleteAssetInput, ZListAssetsQuery, ZUpdateAssetInput, ZAssetInput } from "@/lib/assets/schema";
import { ZDecideInput } from "@/lib/approvals/schema";
import { ZAuditFilter } from "@/lib/audit/queries";
import { API_SCOPES, SCOPE_LABELS, type ApiScope } from "@/lib/authz/scopes";
import { ZDeleteEvidenceInput, ZListEvidenceQuery } from "@/lib/evidence/schema";
import { ZGateQuery, ZGateResponse } from "@/lib/gate/schema";
import { ZListIncidents } from "@/lib/incidents/schema";
import { ZSearchQuery } from "@/lib/search/schema";
import { ZArchiveSystemInput, ZCreateSystemInput, ZListSystemsQuery, ZUpdateSystemInput } from "@/lib/systems/schema";
import { zId } from "@/lib/validation/fields";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Auth = ApiScope | "session" | "none" | "nextauth";
type Body = { schema: z.ZodType; type?: string; description?: string };

/** One operation: path (OpenAPI template), method, who may call it, inputs and the success answer. */
export type RouteDoc = {
  method: Method;
  path: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: Body;
  ok: { status: 200 | 201 | 204 | 302; description: string; type?: string; schema?: z.ZodType };
};

const ZError = z.object({
  error: z.object({
    code: z.string().describe("Stable code: BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, VALIDATION, PAYLOAD_TOO_LARGE, RATE_LIMITED, INTERNAL…"),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe("Per parameter or field, for 400 and 422."),
    current: z.unknown().optional().describe("The record as it is now, for 409."),
  }),
});

const ZPublicKey = z.object({
  keyId: z.string().describe("Lower-case hex SHA-256 of the DER public key; the DSSE keyid."),
  fingerprint: z.string().describe("SHA256:xxxx:xxxx:… (the key id, grouped)."),
  algorithm: z.literal("ed25519"),
  publicKeyPem: z.string(),
  status: z.enum(["active", "retired"]),
  activatedAt: z.string(),
  retiredAt: z.string().nullable(),
});

const ZDsseEnvelope = z.object({
  payloadType: z.literal("application/vnd.in-toto+json"),
  payload: z.string().describe("Base64 of the in-toto Statement v1 (JSON)."),
  signatures: z.array(z.object({ keyid: z.string(), sig: z.string().describe("Base64 Ed25519 signature over the DSSE PAE of the payload.") })),
});

const id = (label: string) => z.object({ id: zId(label) });
const anyJson = z.record(z.string(), z.unknown());

/** Every route under app/api. Keep in step with the route files (the test checks). */
export const ROUTES: RouteDoc[] = [
  // Deployment gate and signing (v1)
  {
    method: "get",
    path: "/api/v1/gate",
    tag: "Deployment gate",
    summary: "May these artifacts of this system deploy to this environment?",
    description:
      "Allows only when the system has an approval in force for the environment, every digest is among the approved pinned digests, the system is neither paused, retiring nor retired, and no SEV1/SEV2 incident on it is open (not yet resolved). Denies are 200 with allow=false and reasons, each with a link to the fix. Every call is recorded and sealed into the audit hash chain. The first allow for a production environment (its Production flag) of an Approved system marks it Deployed.",
    auth: "gate:read",
    query: ZGateQuery,
    ok: { status: 200, description: "The decision (allow or deny).", schema: ZGateResponse },
  },
  {
    method: "get",
    path: "/api/v1/approvals/{id}/attestation",
    tag: "Deployment gate",
    summary: "Signed attestation of an approval (in-toto Statement v1 in a DSSE envelope)",
    description: "Compact one-line JSON, signed with the instance's Ed25519 key. 409 when the approval is not in force or its system is paused, retiring or retired. Verification with openssl: docs/attestations.md.",
    auth: "gate:read",
    params: id("The approval id"),
    ok: { status: 200, description: "The DSSE envelope.", schema: ZDsseEnvelope },
  },
  {
    method: "get",
    path: "/api/v1/keys",
    tag: "Deployment gate",
    summary: "The instance's signing public keys, active and retired",
    auth: "none",
    ok: { status: 200, description: "Public keys with fingerprints and dates.", schema: z.object({ keys: z.array(ZPublicKey) }) },
  },
  {
    method: "get",
    path: "/api/v1/keys/{keyId}",
    tag: "Deployment gate",
    summary: "One signing public key as a PEM file",
    auth: "none",
    params: z.object({ keyId: z.string().regex(/^[0-9a-f]{64}$/) }),
    ok: { status: 200, description: "SubjectPublicKeyInfo PEM.", type: "application/x-pem-file", schema: z.string() },
  },
  {
    method: "get",
    path: "/api/v1/openapi.json",
    tag: "Meta",
    summary: "This OpenAPI 3.1 document",
    auth: "none",
    ok: { status: 200, description: "The document.", schema: anyJson },
  },
  { method: "get", path: "/api/health/live", tag: "Meta", summary: "Liveness only (no database)", auth: "none", ok: { status: 200, description: "{ ok: true }", schema: z.object({ ok: z.boolean() }) } },
  { method: "get", path: "/api/health", tag: "Meta", summary: "Liveness and database reachability", auth: "none", ok: { status: 200, description: "{ ok: true } (503 when the database is unreachable).", schema: z.object({ ok: z.boolean() }) } },
  // Systems
  { method: "get", path: "/api/systems", tag: "Systems", summary: "One keyset page of the systems the caller may see", auth: "systems:read", query: ZListSystemsQuery, ok: { status: 200, description: "{ items, total, totalExact, nextCursor }: total is an exact count while totalExact is true (up to 1,000 matching systems), above that the database's estimate", schema: anyJson } },
  { method: "post", path: "/api/systems", tag: "Systems", summary: "Register an AI system", auth: "systems:write", body: { schema: ZCreateSystemInput }, ok: { status: 201, description: "The new system.", schema: anyJson } },
  {
    method: "get",
    path: "/api/search",
    tag: "Systems",
    summary: "Search systems, assets, controls and evidence by name or title",
    description:
      "Case-insensitive substring search, grouped by kind ({ q, groups: [{ kind, total, hits, seeAllHref }] }), at most 5 hits per kind, within what the caller may see (a product owner: their own systems and what belongs to them). No q: no groups. A q over 100 characters or with a NUL character is a 400.",
    auth: "systems:read",
    query: ZSearchQuery,
    ok: { status: 200, description: "{ q, groups }", schema: anyJson },
  },
  { method: "get", path: "/api/systems/{id}", tag: "Systems", summary: "One system with what the caller may do to it", auth: "systems:read", params: id("The system id"), ok: { status: 200, description: "The system.", schema: anyJson } },
  { method: "patch", path: "/api/systems/{id}", tag: "Systems", summary: "Save a system's fields", auth: "systems:write", params: id("The system id"), body: { schema: ZUpdateSystemInput, description: "Fields plus expectedVersion (409 when stale)." }, ok: { status: 200, description: "The saved system.", schema: anyJson } },
  { method: "delete", path: "/api/systems/{id}", tag: "Systems", summary: "Archive a system (reversible)", auth: "systems:write", params: id("The system id"), body: { schema: ZArchiveSystemInput.pick({ expectedVersion: true }) }, ok: { status: 200, description: "The archived system.", schema: anyJson } },
  {
    method: "get",
    path: "/api/systems/{id}/threat-model/export",
    tag: "Systems",
    summary: "One threat-model version (default: the one in force) as a JSON attachment",
    auth: "systems:read",
    params: id("The system id"),
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
    ok: { status: 200, description: "aigov.threat-model JSON.", schema: anyJson },
  },
  { method: "get", path: "/api/systems/{id}/aibom", tag: "Systems", summary: "The system's CycloneDX 1.6 AI/ML-BOM (JSON attachment, Repr-Digest header)", auth: "systems:read", params: id("The system id"), ok: { status: 200, description: "CycloneDX 1.6 JSON.", type: "application/vnd.cyclonedx+json", schema: anyJson } },
  { method: "get", path: "/api/systems/{id}/oscal", tag: "Systems", summary: "The system's checklist as OSCAL 1.0.6 assessment results (JSON attachment, Repr-Digest header)", auth: "systems:read", params: id("The system id"), ok: { status: 200, description: "OSCAL assessment-results JSON.", schema: anyJson } },
  { method: "get", path: "/api/systems/{id}/card", tag: "Systems", summary: "The printable system card (self-contained HTML: card, bill of materials, progress, checklist, threat model, timeline)", auth: "systems:read", params: id("The system id"), ok: { status: 200, description: "HTML page.", type: "text/html", schema: z.string() } },
  // Exports
  {
    method: "get",
    path: "/api/exports/pack",
    tag: "Exports",
    summary: "An evidence pack (signed ZIP: manifest, signature, report, data, CSV, evidence files, audit extract, AI-BOM, OSCAL) for one or more systems or all, streamed",
    auth: "export:run",
    query: z.object({
      systemId: z.union([z.string(), z.array(z.string())]).optional().describe("A system id; repeat for several."),
      all: z.string().optional().describe("true: every system the caller may see."),
      from: z.string().optional().describe("Start of the date range, YYYY-MM-DD."),
      to: z.string().optional().describe("End of the date range, YYYY-MM-DD."),
    }),
    ok: { status: 200, description: "ZIP attachment (docs/exports.md says how to verify it).", type: "application/zip", schema: z.string() },
  },
  { method: "get", path: "/api/exports/{id}", tag: "Exports", summary: "A requested evidence pack's status and progress (what the Exports page's progress bar polls)", auth: "export:run", params: id("The export id"), ok: { status: 200, description: "{ id, status, progress, phase, sizeBytes, manifestSha256, expiresAt, … }", schema: anyJson } },
  { method: "get", path: "/api/exports/{id}/download", tag: "Exports", summary: "A finished evidence pack (built in the background), streamed until it expires", auth: "export:run", params: id("The export id"), ok: { status: 200, description: "ZIP attachment; 409 while not ready or once expired.", type: "application/zip", schema: z.string() } },
  {
    method: "get",
    path: "/api/exports/csv/{table}",
    tag: "Exports",
    summary: "A list page as formula-safe CSV: systems, assets, checklist-items, evidence, threats (optionally ?systemId=) or audit-log (with the audit page's filters)",
    auth: "session",
    params: z.object({ table: z.enum(["systems", "assets", "checklist-items", "evidence", "threats", "audit-log"]) }),
    query: z.object({ systemId: zId("The system id").optional() }),
    ok: { status: 200, description: "CSV attachment.", type: "text/csv", schema: z.string() },
  },
  // Approvals (session only: no API token scope decides approvals)
  {
    method: "post",
    path: "/api/approvals/{id}/decisions",
    tag: "Approvals",
    summary: "A reviewer decides an approval request (approve, reject or request changes, with a comment)",
    description: "Separation of duties: the requester, the system's owner and its contributors never decide (403); a request no longer awaiting review is 409.",
    auth: "session",
    params: id("The approval request id"),
    body: { schema: ZDecideInput },
    ok: { status: 201, description: "{ state, approvals, approvalsRequired, expiresAt }", schema: z.object({ state: z.string(), approvals: z.number().int(), approvalsRequired: z.number().int(), expiresAt: z.string().nullable() }) },
  },
  // Incidents
  { method: "get", path: "/api/incidents/export", tag: "Incidents", summary: "The incident list (with the list's filters) as CSV", auth: "systems:read", query: ZListIncidents, ok: { status: 200, description: "CSV attachment.", type: "text/csv", schema: z.string() } },
  // Audit log
  { method: "get", path: "/api/audit/export", tag: "Audit", summary: "The audit log (with the log's filters: person, system, action, record, dates) as CSV, one sentence per event; formula-safe cells", auth: "audit:read", query: ZAuditFilter, ok: { status: 200, description: "CSV attachment.", type: "text/csv", schema: z.string() } },
  // Assets and inventory (session only until these routes take tokens)
  { method: "get", path: "/api/systems/{id}/assets", tag: "Assets", summary: "A system's assets", auth: "session", params: id("The system id"), query: ZListAssetsQuery, ok: { status: 200, description: "Assets.", schema: anyJson } },
  { method: "post", path: "/api/systems/{id}/assets", tag: "Assets", summary: "Add an asset", auth: "session", params: id("The system id"), body: { schema: ZAssetInput }, ok: { status: 201, description: "The new asset.", schema: anyJson } },
  {
    method: "post",
    path: "/api/systems/{id}/assets/import",
    tag: "Assets",
    summary: "Import assets from a CycloneDX (JSON/XML) or CSV file",
    auth: "session",
    params: id("The system id"),
    body: { schema: z.string(), type: "multipart/form-data", description: "Form field `file`." },
    ok: { status: 200, description: "Outcome per row: merged, skipped with reasons, problems.", schema: anyJson },
  },
  { method: "get", path: "/api/assets/{id}", tag: "Assets", summary: "One asset", auth: "session", params: id("The asset id"), ok: { status: 200, description: "The asset.", schema: anyJson } },
  { method: "patch", path: "/api/assets/{id}", tag: "Assets", summary: "Change an asset", auth: "session", params: id("The asset id"), body: { schema: ZUpdateAssetInput }, ok: { status: 200, description: "The saved asset.", schema: anyJson } },
  { method: "delete", path: "/api/assets/{id}", tag: "Assets", summary: "Remove an asset", auth: "session", params: id("The asset id"), body: { schema: ZDeleteAssetInput }, ok: { status: 200, description: "Removed.", schema: anyJson } },
  { method: "get", path: "/api/inventory/export", tag: "Assets", summary: "The inventory (or ?systemId= one system) as CSV", auth: "session", query: z.object({ systemId: zId("The system id").optional() }), ok: { status: 200, description: "CSV attachment.", type: "text/csv", schema: z.string() } },
  // Evidence
  { method: "get", path: "/api/systems/{id}/evidence", tag: "Evidence", summary: "A system's evidence", auth: "session", params: id("The system id"), query: ZListEvidenceQuery, ok: { status: 200, description: "Evidence items.", schema: anyJson } },
  { method: "post", path: "/api/systems/{id}/evidence", tag: "Evidence", summary: "Add link or note evidence", auth: "session", params: id("The system id"), body: { schema: anyJson, description: "A link (url) or a note (text) with the evidence fields." }, ok: { status: 201, description: "The new evidence.", schema: anyJson } },
  {
    method: "post",
    path: "/api/systems/{id}/evidence/upload",
    tag: "Evidence",
    summary: "Upload an evidence file (raw body; name and fields in x-file-name and x-evidence-meta headers, URI-encoded)",
    auth: "session",
    params: id("The system id"),
    body: { schema: z.string(), type: "application/octet-stream" },
    ok: { status: 201, description: "The new evidence.", schema: anyJson },
  },
  { method: "get", path: "/api/evidence/{id}", tag: "Evidence", summary: "One evidence item", auth: "session", params: id("The evidence id"), ok: { status: 200, description: "The evidence.", schema: anyJson } },
  { method: "delete", path: "/api/evidence/{id}", tag: "Evidence", summary: "Delete evidence content, keeping a record of what it was, who deleted it and why (admins)", auth: "session", params: id("The evidence id"), body: { schema: ZDeleteEvidenceInput }, ok: { status: 200, description: "The record of the deleted evidence (title, fingerprint, who deleted it and why; no content).", schema: anyJson } },
  { method: "get", path: "/api/evidence/{id}/download", tag: "Evidence", summary: "Download an evidence file", auth: "session", params: id("The evidence id"), ok: { status: 200, description: "The file, as an attachment.", type: "application/octet-stream", schema: z.string() } },
  // Control library
  { method: "get", path: "/api/library/{version}", tag: "Control library", summary: "One control library version as JSON", auth: "session", params: z.object({ version: z.string() }), ok: { status: 200, description: "The library document.", schema: anyJson } },
  // Auth.js
  { method: "get", path: "/api/auth/{nextauth}", tag: "Sign-in", summary: "Auth.js endpoints (csrf, session, providers, signin, callback, signout)", auth: "nextauth", params: z.object({ nextauth: z.string() }), ok: { status: 200, description: "Auth.js answer.", schema: anyJson } },
  { method: "post", path: "/api/auth/{nextauth}", tag: "Sign-in", summary: "Auth.js sign-in callback and sign-out", auth: "nextauth", params: z.object({ nextauth: z.string() }), body: { schema: z.string(), type: "application/x-www-form-urlencoded" }, ok: { status: 302, description: "Redirect." } },
];

const ERRORS = {
  400: "A query parameter is invalid; the message names it.",
  401: "No valid API token or session.",
  403: "The token lacks the scope, or the role may not do this.",
  404: "Not found, or not visible to the caller.",
  409: "Conflict: the record changed, or the state does not allow this.",
  422: "The body failed validation; fieldErrors names each field.",
  429: "The token's per-minute limit was reached; see Retry-After.",
} as const;

function securityOf(auth: Auth): Record<string, string[]>[] | undefined {
  if (auth === "none" || auth === "nextauth") return [];
  if (auth === "session") return [{ session: [] }];
  return [{ bearer: [auth] }, { session: [] }];
}

/** Builds the document; `serverUrl` is the instance's public origin. */
export function openApiDocument(serverUrl?: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: `API token (aigov_…) created by an admin. Scopes: ${API_SCOPES.map((s) => `${s} (${SCOPE_LABELS[s]})`).join("; ")}.`,
  });
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "authjs.session-token", description: "Signed-in browser session (same-origin requests only)." });
  for (const r of ROUTES) {
    const errors: Record<number, { description: string; content: { "application/json": { schema: typeof ZError } } }> = {};
    const relevant: (keyof typeof ERRORS)[] = [
      ...(r.query ? [400 as const] : []),
      ...(r.auth === "none" || r.auth === "nextauth" ? [] : [401 as const, 403 as const]),
      ...(r.params ? [404 as const] : []),
      ...(r.body && r.method !== "get" && r.auth !== "nextauth" ? [409 as const, 422 as const] : []),
      ...(r.auth !== "none" && r.auth !== "session" && r.auth !== "nextauth" ? [429 as const] : []),
    ];
    for (const status of relevant) errors[status] = { description: ERRORS[status], content: { "application/json": { schema: ZError } } };
    const scopeNote = r.auth === "none" ? "No authentication." : r.auth === "session" ? "Signed-in session only (not API tokens yet)." : r.auth === "nextauth" ? "Auth.js." : `API token with scope \`${r.auth}\`, or a signed-in session.`;
    registry.registerPath({
      method: r.method,
      path: r.path,
      tags: [r.tag],
      summary: r.summary,
      description: [r.description, scopeNote].filter(Boolean).join("\n\n"),
      security: securityOf(r.auth),
      request: {
        params: r.params,
        query: r.query,
        body: r.body ? { content: { [r.body.type ?? "application/json"]: { schema: r.body.schema } }, description: r.body.description, required: true } : undefined,
      },
      responses: {
        [r.ok.status]: { description: r.ok.description, ...(r.ok.schema ? { content: { [r.ok.type ?? "application/json"]: { schema: r.ok.schema } } } : {}) },
        ...errors,
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "AI governance dashboard API",
      version: "1",
      description: "Deployment gate, attestations and inventory. Tokens are created by admins; every gate call is recorded in the audit trail.",
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
  });
}
