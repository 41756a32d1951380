import { readFileSync } from "node:fs";
import path from "node:path";
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

const { GET: listRoute, POST: createRoute } = await import("@/app/api/systems/[id]/assets/route");
const { GET: getRoute, PATCH: patchRoute, DELETE: deleteRoute } = await import("@/app/api/assets/[id]/route");
const { POST: importRoute } = await import("@/app/api/systems/[id]/assets/import/route");
const { GET: exportRoute } = await import("@/app/api/inventory/export/route");

const t = useTestDatabase();
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../test/fixtures", name), "utf8");
const fieldReport = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, "../../test/fixtures/field-reports", name)));
const params = <P>(value: P) => ({ params: Promise.resolve(value) });
const json = (method: string, url: string, body: unknown) =>
  new Request(url, { method, headers: { "content-type": "application/json", host: "localhost" }, body: JSON.stringify(body) });

async function signedInOwner() {
  const owner = await createActor(t.db, "PRODUCT_OWNER");
  state.db = t.db;
  state.actor = owner;
  const system = await createSystem({ actor: owner, db: t.db }, systemInput());
  return { owner, system };
}

describe("[ASSETS] REST routes", () => {
  it("create, read, list, patch and delete an asset over HTTP", async () => {
    const { system } = await signedInOwner();
    const base = `http://localhost/api/systems/${system.id}/assets`;
    const created = await createRoute(json("POST", base, { kind: "MODEL", name: "m", version: "1" }), params({ id: system.id }));
    expect(created.status).toBe(201);
    const asset = (await created.json()) as { id: string; rowVersion: number };

    const listed = await listRoute(new Request(`${base}?kind=MODEL`), params({ id: system.id }));
    expect(((await listed.json()) as { items: { id: string }[] }).items.map((a) => a.id)).toEqual([asset.id]);

    const url = `http://localhost/api/assets/${asset.id}`;
    expect((await getRoute(new Request(url), params({ id: asset.id }))).status).toBe(200);
    const patched = await patchRoute(json("PATCH", url, { version: "2", expectedVersion: 1 }), params({ id: asset.id }));
    expect(await patched.json()).toMatchObject({ version: "2", rowVersion: 2 });

    const stale = await patchRoute(json("PATCH", url, { version: "3", expectedVersion: 1 }), params({ id: asset.id }));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "CONFLICT", current: { version: "2" } } });

    const invalid = await patchRoute(json("PATCH", url, { sha256: "nope", expectedVersion: 2 }), params({ id: asset.id }));
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ error: { fieldErrors: { sha256: ["SHA-256 digest must be 64 hexadecimal characters"] } } });

    const deleted = await deleteRoute(json("DELETE", url, { expectedVersion: 2 }), params({ id: asset.id }));
    expect(await deleted.json()).toEqual({ id: asset.id, deleted: true });
    expect((await getRoute(new Request(url), params({ id: asset.id }))).status).toBe(404);
  });

  it("refuses cross-site mutations and anonymous callers", async () => {
    const { system } = await signedInOwner();
    const base = `http://localhost/api/systems/${system.id}/assets`;
    const crossSite = new Request(base, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.test", host: "localhost" },
      body: JSON.stringify({ kind: "MODEL", name: "m" }),
    });
    expect((await createRoute(crossSite, params({ id: system.id }))).status).toBe(403);
    state.actor = null;
    expect((await listRoute(new Request(base), params({ id: system.id }))).status).toBe(401);
  });

  it("imports a multipart CSV upload, and lists row errors for a bad one", async () => {
    const { system } = await signedInOwner();
    const url = `http://localhost/api/systems/${system.id}/assets/import`;
    const upload = (name: string) => {
      const form = new FormData();
      form.append("file", new File([fixture(name)], name, { type: "text/csv" }));
      form.append("format", "csv");
      return new Request(url, { method: "POST", body: form });
    };
    const bad = await importRoute(upload("assets-bad-row.csv"), params({ id: system.id }));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: "VALIDATION", rows: [{ row: 4, field: "sha256" }], omitted: 0 } });

    const good = await importRoute(upload("assets-valid.csv"), params({ id: system.id }));
    expect(good.status).toBe(201);
    expect(await good.json()).toMatchObject({ imported: 4, merged: 0, skipped: 0, message: "Imported 4 assets.", file: { name: "assets-valid.csv" } });

    const bom = new Request(url, { method: "POST", headers: { "content-type": "application/vnd.cyclonedx+json" }, body: fixture("bom-valid.cdx.json") });
    // The BOM's dataset is already there from the CSV: the whole BOM is refused, naming that component.
    expect(await (await importRoute(bom, params({ id: system.id }))).json()).toMatchObject({
      error: { rows: [{ row: "components[1]", field: "name", message: expect.stringMatching(/already exists/) }] },
    });
  });

  it("exports CSV as a no-sniff attachment", async () => {
    const { system } = await signedInOwner();
    await createRoute(json("POST", `http://localhost/api/systems/${system.id}/assets`, { kind: "MODEL", name: "=1+1" }), params({ id: system.id }));
    const response = await exportRoute(new Request(`http://localhost/api/inventory/export?systemId=${system.id}`), params({}));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="ai-inventory-${system.slug}-.*\\.csv"$`));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain(",'=1+1,");
  });

  it("bad import files are 4xx with the reason, never 500, and write nothing", async () => {
    const { system } = await signedInOwner();
    const url = `http://localhost/api/systems/${system.id}/assets/import`;
    const send = (name: string, content: string | Uint8Array<ArrayBuffer>, format?: string) => {
      const form = new FormData();
      form.append("file", new File([content], name));
      if (format) form.append("format", format);
      return importRoute(new Request(url, { method: "POST", body: form }), params({ id: system.id }));
    };

    // bom.xml with "format from the file name": the reason, not "correct the highlighted fields".
    const xml = await send("bom.xml", fieldReport("cyclonedx/bom.xml"));
    expect(xml.status).toBe(422);
    expect(await xml.json()).toMatchObject({ error: { message: expect.stringMatching(/^This is an XML file\. Only CycloneDX JSON BOMs/), fieldErrors: { file: [expect.any(String)] } } });

    const nul = await send("nul-in-name.json", fieldReport("cyclonedx/nul-in-name.json"));
    expect(nul.status).toBe(422);
    expect(await nul.json()).toMatchObject({ error: { rows: [{ row: "components[0]", field: "name", message: expect.stringMatching(/NUL character/) }] } });

    const nulCsv = await send("nul-byte.csv", fieldReport("csv/nul-byte.csv"));
    expect(nulCsv.status).toBe(422);
    expect(await nulCsv.json()).toMatchObject({ error: { rows: [{ row: 2, field: "name" }] } });

    const number = await send("specversion-as-number.json", fieldReport("cyclonedx/specversion-as-number.json"));
    expect(number.status).toBe(422);
    expect(await number.json()).toMatchObject({ error: { message: expect.stringMatching(/^"specVersion" must be the string "1\.6"; this file has the number 1\.6/) } });

    // Components nested thousands deep: refused before schema validation could overflow the stack.
    // Written as text: JSON.stringify itself recurses and would overflow on such an object.
    const levels = 5000;
    const nested = '{"type":"library","name":"n","components":['.repeat(levels) + '{"type":"library","name":"leaf"}' + "]}".repeat(levels);
    const deep = await send("deep.json", `{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${nested}]}`);
    expect(deep.status).toBe(422);
    expect(await deep.json()).toMatchObject({ error: { message: expect.stringMatching(/nests arrays and objects more than 100 levels deep/) } });

    const headerOnly = await send("empty.csv", "kind,name,version\r\n");
    expect(headerOnly.status).toBe(422);
    expect(await headerOnly.json()).toMatchObject({ error: { message: "The file has a header row but no rows to import. Nothing was imported." } });

    expect(await t.db.asset.count({ where: { systemId: system.id } })).toBe(0);
  });

  it("stops reading an import sent without Content-Length at MAX_IMPORT_BYTES (413)", async () => {
    const { system } = await signedInOwner();
    let pulled = 0;
    const line = new TextEncoder().encode(`LIBRARY,lib,1,${"x".repeat(1000)}\r\n`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = pulled === 0 ? new TextEncoder().encode("kind,name,version,notes\r\n") : line;
        pulled += chunk.byteLength;
        if (pulled > 200 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request(`http://localhost/api/systems/${system.id}/assets/import`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await importRoute(request, params({ id: system.id }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE", message: "The file is larger than the 5 MB import limit." } });
    expect(pulled).toBeLessThan(6 * 1024 * 1024);
  });
});
