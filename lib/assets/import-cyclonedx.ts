import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/authz/policy";
import { ValidationError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { loadEditableSystem } from "./access";
import { cycloneDx16Validator, describeSchemaErrors } from "./cyclonedx-schema";
import {
  assertImportRowCount,
  assertImportSize,
  findExistingDuplicates,
  insertImportedAssets,
  sortRowErrors,
  validateCandidates,
  type ImportCandidate,
} from "./import-common";
import { ImportRejectedError, rejectionMessage, type ImportRowError } from "./import-errors";
import { kindForCycloneDxType } from "./rules";

/**
 * Imports the components and services of a CycloneDX 1.6 JSON BOM into one system, all or
 * nothing. The document must be valid against the official 1.6 schema; problems are reported
 * per component with its path in the document (e.g. "components[3]").
 */
export async function importAssetsCycloneDx(ctx: ServiceContext, systemId: string, jsonText: string): Promise<{ imported: number }> {
  const { actor, db } = ctx;
  assertCan(actor, "inventory:import");
  await loadEditableSystem(db, actor, systemId);
  assertImportSize(jsonText);

  const candidates = readCycloneDx(jsonText);
  assertImportRowCount(candidates.length, "components");
  const { assets, errors } = validateCandidates(candidates);
  errors.push(...(await findExistingDuplicates(db, systemId, assets)));
  if (errors.length) throw new ImportRejectedError(rejectionMessage(errors, "component"), sortRowErrors(errors));

  return insertImportedAssets(ctx, systemId, assets, "cyclonedx");
}

/** Parses and schema-validates the document, then maps every component and service to asset input. */
export function readCycloneDx(jsonText: string): ImportCandidate[] {
  let document: unknown;
  try {
    document = JSON.parse(jsonText.replace(/^\uFEFF/, ""));
  } catch (error) {
    const detail = error instanceof SyntaxError ? ` (${error.message})` : "";
    throw new ValidationError(`The file is not valid JSON${detail}.`, { file: ["The file is not valid JSON."] });
  }
  assertCycloneDx16(document);

  const validate = cycloneDx16Validator();
  if (!validate(document)) {
    const rows: ImportRowError[] = describeSchemaErrors(validate.errors ?? []).map(({ path, message }) => {
      const { row, field } = splitPath(path);
      return { row, field, message };
    });
    throw new ImportRejectedError("The file is not a valid CycloneDX 1.6 BOM; nothing was imported.", rows);
  }

  const bom = ZBom.parse(document);
  const candidates: ImportCandidate[] = [];
  const walkComponents = (list: readonly CdxComponent[] | undefined, prefix: string) =>
    list?.forEach((component, i) => {
      const row = `${prefix}components[${i}]`;
      candidates.push({ row, input: componentInput(component) });
      walkComponents(component.components, `${row}.`);
    });
  const walkServices = (list: readonly CdxService[] | undefined, prefix: string) =>
    list?.forEach((service, i) => {
      const row = `${prefix}services[${i}]`;
      candidates.push({ row, input: serviceInput(service) });
      walkServices(service.services, `${row}.`);
    });
  walkComponents(bom.components, "");
  walkServices(bom.services, "");
  if (!candidates.length) {
    throw new ValidationError("The BOM lists no components or services to import.", { file: ["No components or services."] });
  }
  return candidates;
}

function assertCycloneDx16(document: unknown): asserts document is Record<string, unknown> {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new ValidationError("A CycloneDX BOM must be a JSON object.", { file: ["Not a JSON object."] });
  }
  const { bomFormat, specVersion } = document as Record<string, unknown>;
  if (bomFormat !== "CycloneDX") {
    throw new ValidationError('This is not a CycloneDX BOM: "bomFormat" must be "CycloneDX".', { bomFormat: ['Must be "CycloneDX".'] });
  }
  if (specVersion !== "1.6") {
    const got = typeof specVersion === "string" ? ` (this file is ${specVersion})` : "";
    throw new ValidationError(`Only CycloneDX 1.6 BOMs can be imported${got}.`, { specVersion: ['Must be "1.6".'] });
  }
}

/** "components[3].components[0].hashes[0].content" -> row "components[3].components[0]", field "hashes[0].content". */
function splitPath(path: string): { row: string; field: string } {
  const match = /^((?:components|services)\[\d+\](?:\.(?:components|services)\[\d+\])*)(?:\.(.*))?$/.exec(path);
  if (match) return { row: match[1]!, field: match[2] ?? "_component" };
  return { row: "bom", field: path || "_document" };
}

// The parts of a (schema-valid) BOM this importer reads; everything else passes through untouched.
const ZEntity = z.looseObject({ name: z.string().optional() });
const ZLicences = z.array(
  z.looseObject({
    license: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
    expression: z.string().optional(),
  }),
);
const ZHashes = z.array(z.looseObject({ alg: z.string(), content: z.string() }));

const ZComponent = z.looseObject({
  type: z.string(),
  name: z.string(),
  group: z.string().optional(),
  version: z.string().optional(),
  description: z.string().optional(),
  supplier: ZEntity.optional(),
  manufacturer: ZEntity.optional(),
  publisher: z.string().optional(),
  hashes: ZHashes.optional(),
  licenses: ZLicences.optional(),
  get components() {
    return z.array(ZComponent).optional();
  },
});
type CdxComponent = z.infer<typeof ZComponent>;

const ZService = z.looseObject({
  name: z.string(),
  group: z.string().optional(),
  version: z.string().optional(),
  description: z.string().optional(),
  provider: ZEntity.optional(),
  licenses: ZLicences.optional(),
  get services() {
    return z.array(ZService).optional();
  },
});
type CdxService = z.infer<typeof ZService>;

const ZBom = z.looseObject({
  components: z.array(ZComponent).optional(),
  services: z.array(ZService).optional(),
});

function componentInput(c: CdxComponent): Record<string, unknown> {
  return {
    kind: kindForCycloneDxType(c.type),
    name: qualifiedName(c),
    version: c.version,
    supplier: c.supplier?.name ?? c.publisher ?? c.manufacturer?.name,
    licence: licenceOf(c.licenses),
    sha256: c.hashes?.find((h) => h.alg === "SHA-256")?.content,
    notes: shorten(c.description),
  };
}

function serviceInput(s: CdxService): Record<string, unknown> {
  return {
    kind: "VENDOR_API",
    name: qualifiedName(s),
    version: s.version,
    supplier: s.provider?.name,
    licence: licenceOf(s.licenses),
    notes: shorten(s.description),
  };
}

/** Package-style names keep their namespace: group "meta-llama" + name "Llama-3.1-8B". */
function qualifiedName(item: { group?: string; name: string }): string {
  return item.group ? `${item.group}/${item.name}` : item.name;
}

function licenceOf(licences: z.infer<typeof ZLicences> | undefined): string | undefined {
  const first = licences?.[0];
  return first?.license?.id ?? first?.license?.name ?? first?.expression;
}

function shorten(text: string | undefined): string | undefined {
  return text && text.length > 4000 ? `${text.slice(0, 3999)}…` : text;
}
