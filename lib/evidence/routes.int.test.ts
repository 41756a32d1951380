import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";

// The route handlers resolve the actor from the session and use the app's client: point both at the test.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));

const { GET: listRoute, POST: addRoute } = await import("@/app/api/systems/[id]/evidence/route");
const { POST: uploadRoute } = await import("@/app/api/systems/[id]/evidence/upload/route");
const { GET: getRoute, DELETE: deleteRoute } = await import("@/app/api/evidence/[id]/route");
const { GET: downloadRoute } = await import("@/app/api/evidence/[id]/download/route");

const t = useTestDatabase();
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const meta = { title: "Red-team report", effectiveDate: "2026-05-01" };

async function signedInOwner() {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  state.db = t.db;
  state.actor = owner;
  const system = await createSystem({ actor: owner, db: t.db }, systemInput());
  return { owner, system };
}

/** A request the way the browser's fetch(url, { body: file }) sends it: the raw bytes, streamed in pieces. */
function uploadRequest(systemId: string, content: Uint8Array, opts: { name?: string; meta?: unknown; headers?: Record<string, string> } = {}) {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= content.byteLength) return controller.close();
      controller.enqueue(content.slice(offset, (offset += 64 * 1024)));
    },
  });
  return new Request(`http://localhost/api/systems/${systemId}/evidence/upload`, {
    method: "POST",
    body,
    duplex: "half",
    headers: {
      host: "localhost",
      origin: "http://localhost",
      "content-type": "application/octet-stream",
      "content-length": String(content.byteLength),
      "x-file-name": encodeURIComponent(opts.name ?? "Prüfbericht (final).pdf"),
      "x-evidence-meta": encodeURIComponent(JSON.stringify(opts.meta ?? meta)),
      ...opts.headers,
    },
  } as RequestInit);
}

const json = (method: string, url: string, body: unknown) =>
  new Request(url, { method, headers: { "content-type": "application/json", host: "localhost" }, body: JSON.stringify(body) });

describe("[EVIDENCE] REST routes", () => {
  it("uploads a raw-body file and downloads it as a no-sniff, sandboxed attachment with its SHA-256", async () => {
    const { system } = await signedInOwner();
    const content = new Uint8Array(Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(1024 * 1024 + 777)]));
    const sha256 = createHash("sha256").update(content).digest("hex");

    const created = await uploadRoute(uploadRequest(system.id, content), params({ id: system.id }));
    expect(created.status).toBe(201);
    const evidence = (await created.json()) as { id: string; sha256: string; sizeBytes: number; contentType: string; fileName: string };
    expect(evidence).toMatchObject({ sha256, sizeBytes: content.byteLength, contentType: "application/pdf", fileName: "Prüfbericht (final).pdf" });

    const response = await downloadRoute(new Request(`http://localhost/api/evidence/${evidence.id}/download`), params({ id: evidence.id }));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="Pr_fbericht (final).pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%28final%29.pdf`,
      "content-length": String(content.byteLength),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store, no-transform",
      "content-security-policy": "sandbox; default-src 'none'",
      "x-evidence-sha256": sha256,
      etag: `"sha256-${sha256}"`,
    });
    const body = new Uint8Array(await response.arrayBuffer());
    expect(createHash("sha256").update(body).digest("hex")).toBe(sha256);

    const detail = await getRoute(new Request(`http://localhost/api/evidence/${evidence.id}`), params({ id: evidence.id }));
    expect(await detail.json()).toMatchObject({ id: evidence.id, state: "VALID", can: { download: true, delete: false } });
  });

  it("serves an uploaded HTML page as plain text, never as HTML", async () => {
    const { system } = await signedInOwner();
    const page = new TextEncoder().encode("<!doctype html><script>fetch('/api/systems')</script>");
    const created = await uploadRoute(uploadRequest(system.id, page, { name: "report.html" }), params({ id: system.id }));
    const { id } = (await created.json()) as { id: string };
    const response = await downloadRoute(new Request(`http://localhost/api/evidence/${id}/download`), params({ id }));
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment;/);
  });

  it("refuses an oversized upload from its Content-Length, bad metadata, and cross-site posts", async () => {
    const { system } = await signedInOwner();
    const before = await t.db.evidence.count();
    const tooBig = uploadRequest(system.id, new Uint8Array(10), { headers: { "content-length": String(25 * 1024 * 1024 + 1) } });
    const refused = await uploadRoute(tooBig, params({ id: system.id }));
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { message: "The file is larger than the 25 MB limit.", fieldErrors: { file: [expect.any(String)] } } });

    const noMeta = await uploadRoute(uploadRequest(system.id, new Uint8Array(10), { headers: { "x-evidence-meta": "%7Bnot json" } }), params({ id: system.id }));
    expect(noMeta.status).toBe(422);
    const badMeta = await uploadRoute(uploadRequest(system.id, new Uint8Array(10), { meta: { title: "x" } }), params({ id: system.id }));
    expect(await badMeta.json()).toMatchObject({ error: { fieldErrors: { title: [expect.any(String)], effectiveDate: [expect.any(String)] } } });

    const crossSite = uploadRequest(system.id, new Uint8Array(10), { headers: { origin: "https://evil.test" } });
    expect((await uploadRoute(crossSite, params({ id: system.id }))).status).toBe(403);
    expect(await t.db.evidence.count()).toBe(before);
  });

  it("adds links and notes as JSON, lists them, and lets an admin delete one (reason required)", async () => {
    const { system } = await signedInOwner();
    const base = `http://localhost/api/systems/${system.id}/evidence`;
    const link = await addRoute(json("POST", base, { kind: "LINK", ...meta, url: "https://wiki.example.com/red-team" }), params({ id: system.id }));
    expect(link.status).toBe(201);
    const { id } = (await link.json()) as { id: string };
    const note = await addRoute(json("POST", base, { kind: "NOTE", ...meta, body: "Reviewed in the May risk meeting." }), params({ id: system.id }));
    expect(note.status).toBe(201);
    const wrongKind = await addRoute(json("POST", base, { kind: "FILE", ...meta }), params({ id: system.id }));
    expect(await wrongKind.json()).toMatchObject({ error: { fieldErrors: { kind: [expect.stringMatching(/LINK/)] } } });

    const listed = (await (await listRoute(new Request(base), params({ id: system.id }))).json()) as { items: { kind: string }[] };
    expect(listed.items.map((e) => e.kind)).toEqual(["NOTE", "LINK"]);

    const url = `http://localhost/api/evidence/${id}`;
    // The owner may not delete; an admin may, with a reason.
    expect((await deleteRoute(json("DELETE", url, { reason: "Superseded by the new wiki." }), params({ id }))).status).toBe(403);
    state.actor = await createActor(t.db, "ADMIN");
    expect((await deleteRoute(json("DELETE", url, { reason: "short" }), params({ id }))).status).toBe(422);
    const deleted = await deleteRoute(json("DELETE", url, { reason: "Superseded by the new wiki." }), params({ id }));
    expect(await deleted.json()).toEqual({ id, deleted: true, purgedChunks: 0 });
    const tombstone = await getRoute(new Request(url), params({ id }));
    expect(await tombstone.json()).toMatchObject({ state: "DELETED", url: null, deletionReason: "Superseded by the new wiki." });
    const withDeleted = await listRoute(new Request(`${base}?includeDeleted=true`), params({ id: system.id }));
    expect(((await withDeleted.json()) as { items: unknown[] }).items).toHaveLength(2);
  });

  it("answers 404 for a deleted file's download and 401 for anonymous callers", async () => {
    const { system } = await signedInOwner();
    const created = await uploadRoute(uploadRequest(system.id, new TextEncoder().encode("a,b\n1,2\n"), { name: "t.csv" }), params({ id: system.id }));
    const { id } = (await created.json()) as { id: string };
    state.actor = await createActor(t.db, "ADMIN");
    await deleteRoute(json("DELETE", `http://localhost/api/evidence/${id}`, { reason: "Wrong file uploaded here." }), params({ id }));
    const gone = await downloadRoute(new Request(`http://localhost/api/evidence/${id}/download`), params({ id }));
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { message: "This evidence was deleted by an admin." } });
    state.actor = null;
    expect((await downloadRoute(new Request(`http://localhost/api/evidence/${id}/download`), params({ id }))).status).toBe(401);
  });
});
