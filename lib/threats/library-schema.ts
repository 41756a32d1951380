/**
 * Zod schema for a threat library document (lib/threats/library/v*.json). The same schema
 * checks the shipped library and any future edited version, so a library that parses has
 * well-formed IDs, framework identifiers from the allow-lists (lib/controls/identifiers.ts),
 * suggestion rules that evaluate, and mitigating controls that exist in the control library
 * version it names.
 */
import { z } from "zod";
import { AgentCapability, AssetKind } from "@/generated/prisma/enums";
import { checkMappingId, ATLAS_VERSION } from "@/lib/controls/identifiers";
import { flattenControls, isShippedLibraryVersion, loadLibrary } from "@/lib/controls/load-library";
import { ZBoundedSuggestionRule } from "./suggestion-rules";

/** STRIDE (Microsoft's threat classification); each library entry names its primary category. */
export const STRIDE_CATEGORIES = [
  "SPOOFING",
  "TAMPERING",
  "REPUDIATION",
  "INFORMATION_DISCLOSURE",
  "DENIAL_OF_SERVICE",
  "ELEVATION_OF_PRIVILEGE",
] as const;
export type StrideCategory = (typeof STRIDE_CATEGORIES)[number];

export const STRIDE_LABELS = {
  SPOOFING: "Spoofing",
  TAMPERING: "Tampering",
  REPUDIATION: "Repudiation",
  INFORMATION_DISCLOSURE: "Information disclosure",
  DENIAL_OF_SERVICE: "Denial of service",
  ELEVATION_OF_PRIVILEGE: "Elevation of privilege",
} as const satisfies Record<StrideCategory, string>;

/**
 * Threat families: the two letters in a threat ID (T-PI-01) and their display titles. Our
 * own grouping of the AI threat patterns in the guidelines and the seeds.
 */
export const THREAT_FAMILIES = {
  PI: "Prompt injection and jailbreaks",
  SP: "System prompt leakage",
  DL: "Sensitive data leakage",
  DP: "Data and model poisoning",
  VS: "Retrieval and vector store weaknesses",
  SC: "Supply-chain compromise",
  VN: "Vendor and hosted model risk",
  UL: "Unsafe loading and code execution",
  OH: "Insecure output handling",
  EA: "Excessive agency",
  TP: "Tool poisoning",
  CM: "Context and memory compromise",
  CR: "Credential exposure",
  DS: "Denial of service and cost",
  EV: "Evasion and adversarial inputs",
  MT: "Model theft and tampering",
  OR: "Overreliance and manipulation",
  AG: "Multi-agent and rogue behaviour",
  LG: "Accountability gaps",
  DC: "Decommissioning leftovers",
} as const;
export type ThreatFamily = keyof typeof THREAT_FAMILIES;

export const THREAT_ID_PATTERN = /^T-([A-Z]{2})-(\d{2})$/;

const text = (min: number, max: number, label: string) =>
  z
    .string()
    .trim()
    .min(min, min <= 1 ? `${label} must not be empty.` : `${label} must be at least ${min} characters.`)
    .max(max, `${label} must be at most ${max} characters.`);

const uniqueList = <T extends z.ZodType<string>>(item: T, label: string) =>
  z.array(item).refine((values) => new Set(values).size === values.length, `${label} repeat.`);

const idList = (framework: "owaspLlm" | "owaspAgentic" | "atlas", label: string) =>
  uniqueList(z.string().trim(), label).superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      const problem = checkMappingId(framework, id);
      if (problem) ctx.addIssue({ code: "custom", message: problem, path: [index] });
    });
  });

const score = (label: string) => z.int(`${label} must be a whole number.`).min(1, `${label} is 1-5.`).max(5, `${label} is 1-5.`);

export const ZThreatEntry = z
  .strictObject({
    id: z.string().regex(THREAT_ID_PATTERN, "Threat IDs look like T-PI-01 (family letters, two-digit number)."),
    title: text(5, 120, "Title"),
    description: text(40, 1200, "Description"),
    stride: z.enum(STRIDE_CATEGORIES),
    assetKinds: uniqueList(z.enum(AssetKind), "Asset kinds").min(1, "Name at least one affected asset kind."),
    aggravatingCapabilities: uniqueList(z.enum(AgentCapability), "Capabilities").default([]),
    atlas: idList("atlas", "ATLAS IDs"),
    owaspLlm: idList("owaspLlm", "OWASP LLM IDs"),
    owaspAgentic: idList("owaspAgentic", "OWASP Agentic IDs"),
    controls: uniqueList(z.string().trim(), "Control IDs").min(1, "Suggest at least one mitigating control."),
    /** Typical likelihood and impact (1-5) for a system the rule selects; a reviewer adjusts them. */
    likelihood: score("Likelihood"),
    impact: score("Impact"),
    suggestWhen: ZBoundedSuggestionRule,
  })
  .superRefine((entry, ctx) => {
    const family = THREAT_ID_PATTERN.exec(entry.id)?.[1];
    if (family && !(family in THREAT_FAMILIES)) {
      ctx.addIssue({ code: "custom", path: ["id"], message: `Unknown threat family "${family}" in ${entry.id}.` });
    }
    if (entry.atlas.length + entry.owaspLlm.length + entry.owaspAgentic.length === 0) {
      ctx.addIssue({ code: "custom", path: ["atlas"], message: `${entry.id} maps to no ATLAS or OWASP identifier.` });
    }
  });
export type TThreatEntry = z.infer<typeof ZThreatEntry>;

export const ZThreatLibrary = z
  .strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "Version looks like 1.0.0."),
    publishedAt: z.iso.date("Use a date like 2026-11-30."),
    atlasVersion: z.literal(ATLAS_VERSION, `This release knows ATLAS ${ATLAS_VERSION} identifiers only.`),
    /** The control library version whose control IDs `controls` refer to. */
    controlLibraryVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "Control library version looks like 1.0.0."),
    threats: z.array(ZThreatEntry).min(1, "The library needs at least one threat."),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.threats.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: "custom", path: ["threats", i, "id"], message: `Threat ID ${t.id} is used twice.` });
      seen.add(t.id);
    });
    if (!isShippedLibraryVersion(doc.controlLibraryVersion)) {
      ctx.addIssue({ code: "custom", path: ["controlLibraryVersion"], message: `Control library ${doc.controlLibraryVersion} is not shipped with this release.` });
      return;
    }
    const known = new Set(flattenControls(loadLibrary(doc.controlLibraryVersion)).map((c) => c.id));
    doc.threats.forEach((t, i) => {
      t.controls.forEach((code, j) => {
        if (!known.has(code)) {
          ctx.addIssue({
            code: "custom",
            path: ["threats", i, "controls", j],
            message: `${t.id} suggests control ${code}, which is not in control library ${doc.controlLibraryVersion}.`,
          });
        }
      });
    });
  });
export type TThreatLibrary = z.infer<typeof ZThreatLibrary>;
