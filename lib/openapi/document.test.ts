import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document";

const API_DIR = path.resolve("app/api");

/** Every route file under app/api with the HTTP methods it exports. */
function routeFiles(dir = API_DIR): { file: string; path: string; methods: string[] }[] {
  const out: { file: string; path: string; methods: string[] }[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    // app/api/[...missing]: the JSON 404 for unknown API addresses, not a resource to document.
    if (statSync(full).isDirectory()) {
      if (name !== "[...missing]") out.push(...routeFiles(full));
    }
    else if (name === "route.ts") {
      const source = readFileSync(full, "utf8");
      const methods = new Set<string>();
      for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) methods.add(m[1]!);
      for (const m of source.matchAll(/export\s+const\s+\{([^}]*)\}/g)) for (const name of m[1]!.split(",").map((s) => s.trim())) if (/^(GET|POST|PUT|PATCH|DELETE)$/.test(name)) methods.add(name);
      const rel = path.relative(path.resolve("app"), path.dirname(full)).split(path.sep);
      const openApiPath = `/${rel.map((seg) => seg.replace(/^\[\.\.\.(.+)\]$/, "{$1}").replace(/^\[(.+)\]$/, "{$1}")).join("/")}`;
      out.push({ file: path.relative(process.cwd(), full), path: openApiPath, methods: [...methods].sort() });
    }
  }
  return out;
}

describe("[OPENAPI] the generated document", () => {
  const doc = openApiDocument("https://aigov.example.com");

  it("is valid OpenAPI 3.1 by the specification's JSON schema", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("describes every route file and every method under app/api", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const f of files) {
      expect(f.methods.length, `${f.file} exports no HTTP method the test recognises`).toBeGreaterThan(0);
      const item = (doc.paths ?? {})[f.path] as Record<string, unknown> | undefined;
      for (const method of f.methods) if (!item?.[method.toLowerCase()]) missing.push(`${method} ${f.path} (${f.file}): add it to ROUTES in lib/openapi/document.ts`);
    }
    expect(missing).toEqual([]);
    // And nothing is described that does not exist.
    const known = new Set(files.flatMap((f) => f.methods.map((m) => `${m.toLowerCase()} ${f.path}`)));
    const extra = Object.entries(doc.paths ?? {}).flatMap(([p, item]) => Object.keys(item as object).filter((k) => ["get", "post", "put", "patch", "delete"].includes(k)).map((m) => `${m} ${p}`)).filter((k) => !known.has(k));
    expect(extra).toEqual([]);
  });

  it("documents the gate's parameters, scope and answer from its Zod schemas", () => {
    const gate = (doc.paths ?? {})["/api/v1/gate"]!.get!;
    expect(gate.parameters?.map((p) => ("name" in p ? p.name : ""))).toEqual(["system", "environment", "digest"]);
    expect(gate.security).toEqual([{ bearer: ["gate:read"] }, { session: [] }]);
    expect(Object.keys(gate.responses ?? {})).toEqual(expect.arrayContaining(["200", "400", "401", "403", "429"]));
    expect(JSON.stringify(gate.responses?.["200"])).toContain("DIGEST_NOT_APPROVED");
  });
});
