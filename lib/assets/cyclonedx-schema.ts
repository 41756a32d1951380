import "server-only";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/**
 * The official CycloneDX 1.6 JSON schema (with the SPDX licence list and JSF signature schema
 * it references), as shipped in @cyclonedx/cyclonedx-library. Compiled once per process.
 */
let compiled: ValidateFunction | undefined;

function schemaDir(): string {
  // Resolved from the project root at run time, so bundlers do not need to follow it.
  const require = createRequire(path.join(process.cwd(), "package.json"));
  return path.join(path.dirname(require.resolve("@cyclonedx/cyclonedx-library/package.json")), "res", "schema");
}

function readSchema(dir: string, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, unknown>;
}

export function cycloneDx16Validator(): ValidateFunction {
  if (compiled) return compiled;
  const dir = schemaDir();
  const ajv = new Ajv({
    strict: false, // the schema uses annotations such as "meta:enum"
    allErrors: true,
    useDefaults: false,
    // Never fetch anything: every referenced schema is registered below.
    loadSchema: (uri) => Promise.reject(new Error(`Remote schemas are disabled: ${uri}`)),
  });
  addFormats(ajv);
  // Formats ajv-formats does not define: a pragmatic e-mail check and IRIs as any string.
  ajv.addFormat("idn-email", /^[^\s@]+@[^\s@]+$/u);
  ajv.addFormat("iri-reference", true);
  // The BOM schema refers to these by file name, relative to its own $id.
  ajv.addSchema(readSchema(dir, "spdx.SNAPSHOT.schema.json"), "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json");
  ajv.addSchema(readSchema(dir, "jsf-0.82.SNAPSHOT.schema.json"), "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json");
  compiled = ajv.compile(readSchema(dir, "bom-1.6.SNAPSHOT.schema.json"));
  return compiled;
}

export type SchemaProblem = { path: string; message: string };

/** Ajv errors -> readable problems with JavaScript-style paths ("components[3].hashes[0].content"). */
export function describeSchemaErrors(errors: readonly ErrorObject[]): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const path = pointerToPath(error.instancePath);
    const message = describeError(error);
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, message });
  }
  return problems;
}

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `unknown property "${String(params.additionalProperty)}"`;
    case "required":
      return `missing required property "${String(params.missingProperty)}"`;
    case "enum": {
      const allowed = params.allowedValues as unknown[];
      if (error.instancePath.endsWith("/license/id")) {
        return 'is not an SPDX licence identifier (put other licence names in "license.name")';
      }
      const shown = allowed.slice(0, 16).map((v) => JSON.stringify(v)).join(", ");
      return `must be one of ${shown}${allowed.length > 16 ? ", …" : ""}`;
    }
    default:
      return error.message ?? `fails the "${error.keyword}" rule`;
  }
}

export function pointerToPath(pointer: string): string {
  if (!pointer) return "";
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}
