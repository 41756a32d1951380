import { z } from "zod";
import { AgentCapability, AssetKind, CredentialType, DueDiligenceStatus, Sensitivity } from "@/generated/prisma/enums";
import { zName, zRowVersion } from "@/lib/validation/fields";
import { normaliseSha256, parseDigestList } from "./rules/digests";
import { isAgenticKind, isCredentialKind } from "./rules/kinds";
import { detectSecret, SECRET_MESSAGE } from "./rules/secrets";
import { splitList, unstorableTextReason } from "./rules/text";

export const ASSET_KINDS = Object.values(AssetKind);
export const AGENT_CAPABILITIES = Object.values(AgentCapability);
export const CREDENTIAL_TYPES = Object.values(CredentialType);
export const DUE_DILIGENCE_STATUSES = Object.values(DueDiligenceStatus);
export const ASSET_SENSITIVITIES = Object.values(Sensitivity);

export const SHA256_MESSAGE = "SHA-256 digest must be 64 hexadecimal characters";
export const DUPLICATE_ASSET_MESSAGE = "An asset of this kind with this name and version already exists";

/** Forms and CSV files send enum values loosely: " tool connector " means TOOL_CONNECTOR. */
export const enumText = (value: string) => value.trim().toUpperCase().replace(/[\s-]+/g, "_");

/** Refuses what PostgreSQL cannot store (NUL, unpaired surrogates), naming the field. */
const storable = (label: string) => (value: string, ctx: z.RefinementCtx) => {
  const reason = unstorableTextReason(value);
  if (reason) ctx.addIssue({ code: "custom", message: `${label} ${reason}.` });
};

/** Optional free text: trimmed; "" (an untouched form field) becomes null. */
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .superRefine(storable(label))
    .nullish()
    .transform((v) => v || null);

/** Optional enum: "" or missing becomes null. */
function optionalEnum<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .string({ error: message })
    .nullish()
    .transform((v) => (v ? enumText(v) : null) || null)
    .pipe(z.enum(values, { error: message }).nullable());
}

const sha256 = z
  .string({ error: SHA256_MESSAGE })
  .trim()
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const hex = normaliseSha256(v);
    if (hex) return hex;
    ctx.addIssue({ code: "custom", message: SHA256_MESSAGE });
    return z.NEVER;
  });

/** A list from a multi-select / JSON array, or one text box with entries per line or comma. */
const listInput = (message: string) => z.union([z.array(z.string({ error: message })), z.string()], { error: message }).nullish();

function toList(value: string | string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? [...new Set(value.map((s) => s.trim()).filter(Boolean))] : splitList(value);
}

const permissions = listInput("Permissions must be a list of scopes.").transform((v, ctx) => {
  const list = toList(v);
  if (list.length > 100) ctx.addIssue({ code: "custom", message: "Record at most 100 permissions." });
  if (list.some((p) => p.length > 200)) ctx.addIssue({ code: "custom", message: "Each permission must be at most 200 characters." });
  const reason = list.map(unstorableTextReason).find(Boolean);
  if (reason) ctx.addIssue({ code: "custom", message: `A permission ${reason}.` });
  return list;
});

export const OTHER_DIGESTS_MESSAGE = "Other digests must be a list such as SHA-512:9b71d224…; SHA-1:a94a8fe5…";

/**
 * Digests of algorithms other than SHA-256: text ("SHA-512:hex; SHA-1:hex", one per line or
 * separated by ";") or a list of `{ algorithm, value }`. Output sorted by algorithm.
 */
const otherDigests = z
  .union([z.string(), z.array(z.object({ algorithm: z.string(), value: z.string() }))], { error: OTHER_DIGESTS_MESSAGE })
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined) return [];
    const { digests, problems } = parseDigestList(v);
    for (const message of problems) ctx.addIssue({ code: "custom", message });
    return problems.length ? z.NEVER : digests;
  });

const capabilities = listInput("Capabilities must be a list.").transform((v, ctx) => {
  const list = [...new Set(toList(v).map(enumText))];
  const unknown = list.filter((c) => !(AGENT_CAPABILITIES as string[]).includes(c));
  if (unknown.length) {
    ctx.addIssue({
      code: "custom",
      message: `Unknown capability ${unknown.map((c) => `"${c}"`).join(", ")}. Use ${AGENT_CAPABILITIES.join(", ")}.`,
    });
    return z.NEVER;
  }
  return list as AgentCapability[];
});

const YES = new Set(["true", "yes", "y", "1", "on"]);
const NO = new Set(["false", "no", "n", "0", "off"]);

const optionalBoolean = z
  .union([z.boolean(), z.string()], { error: "Answer yes or no." })
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || typeof v === "boolean") return v ?? null;
    const answer = v.trim().toLowerCase();
    if (answer === "") return null;
    if (YES.has(answer)) return true;
    if (NO.has(answer)) return false;
    ctx.addIssue({ code: "custom", message: "Answer yes or no." });
    return z.NEVER;
  });

const ROTATION_MESSAGE = "Rotation must be a whole number of days between 1 and 3650.";
const rotationDays = z
  .union([z.number(), z.string()], { error: ROTATION_MESSAGE })
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
    const days = typeof v === "number" ? v : /^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN;
    if (Number.isInteger(days) && days >= 1 && days <= 3650) return days;
    ctx.addIssue({ code: "custom", message: ROTATION_MESSAGE });
    return z.NEVER;
  });

/** Fields a person edits on the asset form; also what one CSV row or BOM component maps to. */
export const ZAssetFields = z.object({
  kind: z
    .string({ error: "Choose an asset kind." })
    .transform(enumText)
    .pipe(z.enum(ASSET_KINDS as [AssetKind, ...AssetKind[]], { error: "Choose an asset kind." })),
  name: zName({ max: 200, label: "Name" }),
  version: text("Version", 100),
  supplier: text("Supplier", 200),
  // Room for an SPDX expression that combines several licences ("GPL-3.0-only AND MIT").
  licence: text("Licence", 1000),
  sha256,
  otherDigests,
  signatureRef: text("Signature reference", 500),
  sensitivity: optionalEnum(ASSET_SENSITIVITIES as [Sensitivity, ...Sensitivity[]], "Choose a sensitivity."),
  permissions,
  dueDiligence: z
    .string({ error: "Choose a due-diligence status." })
    .nullish()
    .transform((v) => (v ? enumText(v) : "") || "NOT_STARTED")
    .pipe(z.enum(DUE_DILIGENCE_STATUSES as [DueDiligenceStatus, ...DueDiligenceStatus[]], { error: "Choose a due-diligence status." })),
  capabilities,
  credentialType: optionalEnum(CREDENTIAL_TYPES as [CredentialType, ...CredentialType[]], "Choose a credential type."),
  humanApprovalRequired: optionalBoolean,
  secretLocation: text("Secret location", 500),
  rotationDays,
  notes: text("Notes", 4000),
});

export type TAssetFields = z.output<typeof ZAssetFields>;

/** Text fields checked for pasted secrets; the ones marked true also get the random-token check. */
const SECRET_CHECKED = {
  name: false,
  version: false,
  supplier: false,
  licence: false,
  signatureRef: true,
  secretLocation: true,
  notes: true,
} as const satisfies Partial<Record<keyof TAssetFields, boolean>>;

const AGENTIC_ONLY = "applies only to tool connectors, agent identities and vendor APIs.";

/** Rules across fields: what each kind may record, and no secrets anywhere. */
function assetRules(asset: TAssetFields, ctx: z.RefinementCtx) {
  const issue = (path: keyof TAssetFields, message: string) => ctx.addIssue({ code: "custom", path: [path], message });

  for (const [field, highEntropy] of Object.entries(SECRET_CHECKED) as [keyof typeof SECRET_CHECKED, boolean][]) {
    const value = asset[field];
    if (value && detectSecret(value, { highEntropy })) issue(field, SECRET_MESSAGE);
  }
  if (asset.permissions.some((p) => detectSecret(p))) issue("permissions", SECRET_MESSAGE);

  if (!isAgenticKind(asset.kind)) {
    if (asset.capabilities.length) issue("capabilities", `The capability register ${AGENTIC_ONLY}`);
    if (asset.credentialType !== null) issue("credentialType", `A credential type ${AGENTIC_ONLY}`);
    if (asset.humanApprovalRequired !== null) issue("humanApprovalRequired", `Human approval ${AGENTIC_ONLY}`);
  }
  if (!isCredentialKind(asset.kind)) {
    if (asset.secretLocation !== null) issue("secretLocation", "A secret location applies only to credentials.");
    if (asset.rotationDays !== null) issue("rotationDays", "A rotation period applies only to credentials.");
  }
}

export const ZAssetInput = ZAssetFields.superRefine(assetRules);
export type TAssetInput = z.input<typeof ZAssetInput>;
export type TAsset = z.output<typeof ZAssetInput>;

const expectedVersion = zRowVersion();

export const ZUpdateAssetInput = ZAssetFields.extend({ expectedVersion }).superRefine(assetRules);
export type TUpdateAssetInput = z.input<typeof ZUpdateAssetInput>;

export const ZDeleteAssetInput = z.object({ expectedVersion });
export type TDeleteAssetInput = z.input<typeof ZDeleteAssetInput>;

export const ZListAssetsQuery = z.object({
  kind: optionalEnum(ASSET_KINDS as [AssetKind, ...AssetKind[]], "Unknown asset kind.").optional(),
});
export type TListAssetsQuery = z.input<typeof ZListAssetsQuery>;

/** Fields that only some kinds may carry: reset when an edit changes the kind. */
export const KIND_SPECIFIC_FIELDS = [
  "capabilities",
  "credentialType",
  "humanApprovalRequired",
  "secretLocation",
  "rotationDays",
] as const satisfies readonly (keyof TAssetFields)[];
