import "server-only";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { findNestingOverflow } from "@/lib/json-nesting";
import { cycloneDx16Validator, describeSchemaErrors } from "./cyclonedx-schema";
import type { ImportCandidate, ImportSkip } from "./import-common";
import { ImportRejectedError, type ImportRowError } from "./import-errors";
import { componentDigests, cycloneDxTypeDecision, licenceExpression } from "./rules/cyclonedx";
import { propertyKind, readAssetProperties } from "./rules/cyclonedx-properties";
import { displayText } from "./rules/text";

/**
 * Deepest nesting of arrays and objects accepted in a BOM, checked on the text before it is
 * parsed or validated. One nested component costs two levels (the `components` array and the
 * object), so this allows about 45 levels of components; the JSON Schema validator overflows
 * the stack somewhere past 2,000 levels.
 */
export const MAX_BOM_NESTING = 100;

/** Asset field -> the CycloneDX property a user finds it under, for problem reports. */
export function cycloneDxField(field: string): string {
  const fields: Record<string, string> = { kind: "type", licence: "licenses", sha256: "hashes", otherDigests: "hashes", notes: "description" };
  return fields[field] ?? field;
}

export type CycloneDxRead = {
  candidates: ImportCandidate[];
  skipped: ImportSkip[];
  bom: { serialNumber: string | null; version: number | null };
};

/**
 * Reads a CycloneDX 1.6 JSON BOM: checks nesting depth, parses, checks the format and spec
 * version, validates against the official schema, then maps every component (those under
 * `metadata.component`, the BOM's subject, included, and nested ones at any depth) and every
 * service to asset input. Components whose type has no asset kind are returned as skipped.
 * Rows are JSON paths such as "metadata.component.components[1]" or "components[3]".
 * @throws ValidationError for XML, excessive nesting, malformed JSON, another format or spec
 *   version; ImportRejectedError with schema problems per component
 */
export function readCycloneDx(jsonText: string): CycloneDxRead {
  const text = jsonText.replace(/^\uFEFF/, "");
  if (/^\s*</.test(text)) {
    throw new ValidationError(XML_MESSAGE, { file: [XML_MESSAGE] });
  }
  const overflow = findNestingOverflow(text, MAX_BOM_NESTING);
  if (overflow) {
    const message = `The file nests arrays and objects more than ${MAX_BOM_NESTING} levels deep (line ${overflow.line}), so it was not read. Real BOMs nest far less: flatten the components or split the file.`;
    throw new ValidationError(`${message} Nothing was imported.`, { file: [message] });
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
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
  const skipped: ImportSkip[] = [];
  const walkComponent = (component: CdxComponent, row: string) => {
    // Our own export names the asset kind (and fields CycloneDX has no place for) in properties.
    const ours = readAssetProperties(component.properties);
    const kind = propertyKind(ours);
    const decision = kind ? { kind } : cycloneDxTypeDecision(component.type);
    if ("skip" in decision) {
      skipped.push({ row, name: displayText(qualifiedName(component)), type: component.type, reason: decision.skip });
    } else {
      candidates.push(componentCandidate(component, row, decision.kind, ours));
    }
    component.components?.forEach((child, i) => walkComponent(child, `${row}.components[${i}]`));
  };
  const walkService = (service: CdxService, row: string) => {
    candidates.push({ row, input: serviceInput(service) });
    service.services?.forEach((child, i) => walkService(child, `${row}.services[${i}]`));
  };
  if (bom.metadata?.component) walkComponent(bom.metadata.component, "metadata.component");
  bom.components?.forEach((component, i) => walkComponent(component, `components[${i}]`));
  bom.services?.forEach((service, i) => walkService(service, `services[${i}]`));
  return { candidates, skipped, bom: { serialNumber: bom.serialNumber ?? null, version: bom.version ?? null } };
}

export const XML_MESSAGE =
  "This is an XML file. Only CycloneDX JSON BOMs (and CSV files) can be imported: export the BOM as JSON from the tool that made it (e.g. cyclonedx convert --output-format json).";

function assertCycloneDx16(document: unknown): asserts document is Record<string, unknown> {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new ValidationError("A CycloneDX BOM must be a JSON object.", { file: ["Not a JSON object."] });
  }
  const { bomFormat, specVersion } = document as Record<string, unknown>;
  if (bomFormat !== "CycloneDX") {
    throw new ValidationError('This is not a CycloneDX BOM: "bomFormat" must be "CycloneDX".', { bomFormat: ['Must be "CycloneDX".'] });
  }
  if (typeof specVersion === "number") {
    const message = `"specVersion" must be the string "1.6"; this file has the number ${String(specVersion)}. Write it in quotes: "specVersion": "1.6".`;
    throw new ValidationError(message, { specVersion: [message] });
  }
  if (specVersion === undefined) {
    const message = '"specVersion" is missing; it must be the string "1.6".';
    throw new ValidationError(message, { specVersion: [message] });
  }
  if (specVersion !== "1.6") {
    const got = typeof specVersion === "string" ? ` (this file is ${displayText(specVersion, 20)})` : "";
    throw new ValidationError(`Only CycloneDX 1.6 BOMs can be imported${got}.`, { specVersion: ['Must be "1.6".'] });
  }
}

/** "components[3].components[0].hashes[0].content" -> row "components[3].components[0]", field "hashes[0].content". */
export function splitPath(path: string): { row: string; field: string } {
  const match = /^((?:metadata\.component|components\[\d+\]|services\[\d+\])(?:\.(?:components|services)\[\d+\])*)(?:\.(.*))?$/.exec(path);
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
const ZProperties = z.array(z.looseObject({ name: z.string(), value: z.string().optional() }));

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
  properties: ZProperties.optional(),
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
  properties: ZProperties.optional(),
  get services() {
    return z.array(ZService).optional();
  },
});
type CdxService = z.infer<typeof ZService>;

const ZBom = z.looseObject({
  serialNumber: z.string().optional(),
  version: z.number().int().optional(),
  metadata: z.looseObject({ component: ZComponent.optional() }).optional(),
  components: z.array(ZComponent).optional(),
  services: z.array(ZService).optional(),
});

function componentCandidate(c: CdxComponent, row: string, kind: string, ours: Record<string, unknown>): ImportCandidate {
  const digests = componentDigests(c.hashes);
  return {
    row,
    input: {
      ...ours,
      kind,
      name: qualifiedName(c),
      version: c.version,
      supplier: c.supplier?.name ?? c.publisher ?? c.manufacturer?.name,
      licence: licenceExpression(c.licenses),
      sha256: digests.sha256,
      otherDigests: digests.otherDigests,
      notes: shorten(c.description),
    },
    problems: digests.problem ? [{ field: "hashes", message: digests.problem }] : undefined,
  };
}

function serviceInput(s: CdxService): Record<string, unknown> {
  const ours = readAssetProperties(s.properties);
  return {
    ...ours,
    kind: propertyKind(ours) ?? "VENDOR_API",
    name: qualifiedName(s),
    version: s.version,
    supplier: s.provider?.name,
    licence: licenceExpression(s.licenses),
    notes: shorten(s.description),
  };
}

/** Package-style names keep their namespace: group "meta-llama" + name "Llama-3.1-8B". */
function qualifiedName(item: { group?: string; name: string }): string {
  return item.group ? `${item.group}/${item.name}` : item.name;
}

function shorten(text: string | undefined): string | undefined {
  return text && text.length > 4000 ? `${text.slice(0, 3999)}…` : text;
}
