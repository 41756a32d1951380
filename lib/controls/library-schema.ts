/**
 * Zod schema for a control library document (lib/controls/library/v*.json): pillar →
 * principle → control. The same schema checks the shipped library and any version an admin
 * edits, so a library that parses has valid IDs, official principle headings and honest
 * mapping sources.
 */
import { z } from "zod";
import { ZBoundedApplicabilityRule } from "./applicability";
import {
  ATLAS_VERSION,
  FRAMEWORK_KEYS,
  FRAMEWORK_LABELS,
  type FrameworkKey,
  checkMappingId,
  isAtlasCoveredByOwaspCrosswalk,
} from "./identifiers";

export const PILLARS = [
  { id: "DES", title: "Secure design" },
  { id: "DEV", title: "Secure development" },
  { id: "DEP", title: "Secure deployment" },
  { id: "OPS", title: "Secure operation and maintenance" },
  { id: "DEC", title: "Secure decommissioning" },
] as const;
export type PillarId = (typeof PILLARS)[number]["id"];
export const PILLAR_IDS = PILLARS.map((p) => p.id) as PillarId[];

/**
 * The 17 principle headings of the CISA / UK NCSC Guidelines for Secure AI System Development,
 * exactly and in order. Decommissioning is not part of the guideline: its principles are ours.
 */
export const NCSC_PRINCIPLES = {
  DES: [
    "Raise staff awareness of threats and risks",
    "Model the threats to your system",
    "Design your system for security as well as functionality and performance",
    "Consider security benefits and trade-offs when selecting your AI model",
  ],
  DEV: [
    "Secure your supply chain",
    "Identify, track and protect your assets",
    "Document your data, models and prompts",
    "Manage your technical debt",
  ],
  DEP: [
    "Secure your infrastructure",
    "Protect your model continuously",
    "Develop incident management procedures",
    "Release AI responsibly",
    "Make it easy for users to do the right things",
  ],
  OPS: [
    "Monitor your system's behaviour",
    "Monitor your system's inputs",
    "Follow a secure by design approach to updates",
    "Collect and share lessons learned",
  ],
} as const satisfies Partial<Record<PillarId, readonly string[]>>;

export const CONTROL_ID_PATTERN = /^(DES|DEV|DEP|OPS|DEC)-(\d+)\.(\d+)$/;
export const PRINCIPLE_ID_PATTERN = /^(DES|DEV|DEP|OPS|DEC)-(\d+)$/;

const text = (min: number, max: number, label: string) =>
  z
    .string()
    .trim()
    .min(min, min <= 1 ? `${label} must not be empty.` : `${label} must be at least ${min} characters.`)
    .max(max, `${label} must be at most ${max} characters.`);

const ZMappingSource = z.enum(["published", "inferred"]);
export type TMappingSource = z.infer<typeof ZMappingSource>;

const idList = (framework: FrameworkKey) =>
  z
    .array(z.string().trim())
    .default([])
    .superRefine((ids, ctx) => {
      ids.forEach((id, index) => {
        const problem = checkMappingId(framework, id);
        if (problem) ctx.addIssue({ code: "custom", message: problem, path: [index] });
      });
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", message: `${FRAMEWORK_LABELS[framework]} IDs repeat.` });
    });

export const ZMappings = z.strictObject({
  owaspLlm: idList("owaspLlm"),
  owaspAgentic: idList("owaspAgentic"),
  atlas: idList("atlas"),
  nistAiRmf: idList("nistAiRmf"),
  nist800218a: idList("nist800218a"),
  iso42001: idList("iso42001"),
});
export type TMappings = z.infer<typeof ZMappings>;

export const ZMappingSources = z.strictObject({
  owaspLlm: ZMappingSource.optional(),
  owaspAgentic: ZMappingSource.optional(),
  atlas: ZMappingSource.optional(),
  nistAiRmf: ZMappingSource.optional(),
  nist800218a: ZMappingSource.optional(),
  iso42001: ZMappingSource.optional(),
});
export type TMappingSources = z.infer<typeof ZMappingSources>;

export const ZControl = z
  .strictObject({
    id: z.string().regex(CONTROL_ID_PATTERN, "Control IDs look like DEP-2.3 (pillar prefix, principle number, control number)."),
    title: text(5, 120, "Title"),
    guidance: text(1, 1500, "Guidance"),
    evidence: text(1, 600, "Evidence"),
    /** MET needs at least one evidence item; false only where a note is enough. */
    evidenceRequired: z.boolean().default(true),
    /** Only security reviewers and admins may mark it MET or NOT_APPLICABLE. */
    reviewerOnly: z.boolean().default(false),
    applicability: ZBoundedApplicabilityRule,
    mappings: ZMappings.prefault({}),
    mappingSource: ZMappingSources.default({}),
  })
  .superRefine((control, ctx) => {
    // Every non-empty mapping says where it came from; an empty one has no source.
    for (const framework of FRAMEWORK_KEYS) {
      const ids = control.mappings[framework];
      const source = control.mappingSource[framework];
      if (ids.length > 0 && !source) {
        ctx.addIssue({
          code: "custom",
          path: ["mappingSource", framework],
          message: `Say whether the ${FRAMEWORK_LABELS[framework]} mapping is "published" or "inferred".`,
        });
      }
      if (ids.length === 0 && source) {
        ctx.addIssue({
          code: "custom",
          path: ["mappingSource", framework],
          message: `There is no ${FRAMEWORK_LABELS[framework]} mapping to give a source for.`,
        });
      }
    }
    // "published" is reserved for links a framework publishes itself. The only such
    // crosswalk on record is OWASP's LLM Top 10 → ATLAS list; everything else is our call.
    for (const framework of FRAMEWORK_KEYS) {
      if (control.mappingSource[framework] !== "published") continue;
      const honest =
        framework === "atlas" && isAtlasCoveredByOwaspCrosswalk(control.mappings.atlas, control.mappings.owaspLlm);
      if (!honest) {
        ctx.addIssue({
          code: "custom",
          path: ["mappingSource", framework],
          message:
            framework === "atlas"
              ? "An ATLAS mapping is published only when every ID comes from OWASP's LLM→ATLAS list for this control's OWASP LLM IDs; mark it inferred."
              : `No published crosswalk links this control to ${FRAMEWORK_LABELS[framework]}; mark it inferred.`,
        });
      }
    }
  });
export type TControl = z.infer<typeof ZControl>;
export type TControlInput = z.input<typeof ZControl>;

export const ZPrinciple = z.strictObject({
  id: z.string().regex(PRINCIPLE_ID_PATTERN, "Principle IDs look like DES-1."),
  title: text(5, 160, "Principle title"),
  controls: z.array(ZControl).min(1, "A principle needs at least one control."),
});
export type TPrinciple = z.infer<typeof ZPrinciple>;

export const ZPillar = z.strictObject({
  id: z.enum(PILLAR_IDS),
  title: z.string(),
  principles: z.array(ZPrinciple).min(1, "A pillar needs at least one principle."),
});
export type TPillar = z.infer<typeof ZPillar>;

export const ZControlLibrary = z
  .strictObject({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, "Use a version like 1.0.0."),
    publishedAt: z.iso.date("Use a date like 2026-11-22."),
    atlasVersion: z.literal(ATLAS_VERSION, `The identifier allow-lists are for ATLAS ${ATLAS_VERSION}.`),
    pillars: z.array(ZPillar).length(PILLARS.length, `A library has exactly ${PILLARS.length} pillars.`),
  })
  .superRefine((doc, ctx) => {
    const principleIds = new Set<string>();
    const controlIds = new Set<string>();

    doc.pillars.forEach((pillar, p) => {
      const expected = PILLARS[p];
      if (pillar.id !== expected.id || pillar.title !== expected.title) {
        ctx.addIssue({
          code: "custom",
          path: ["pillars", p],
          message: `Pillar ${p + 1} must be ${expected.id} "${expected.title}".`,
        });
        return;
      }

      const official: readonly string[] | undefined = (NCSC_PRINCIPLES as Partial<Record<PillarId, readonly string[]>>)[pillar.id];
      if (official) {
        const titles = pillar.principles.map((pr) => pr.title);
        if (titles.length !== official.length || titles.some((t, i) => t !== official[i])) {
          ctx.addIssue({
            code: "custom",
            path: ["pillars", p, "principles"],
            message: `${pillar.id} principles must be the guideline's headings, in order: ${official.join(" · ")}.`,
          });
        }
      } else if (pillar.principles.length < 2 || pillar.principles.length > 4) {
        ctx.addIssue({ code: "custom", path: ["pillars", p, "principles"], message: "Decommissioning has 2-4 principles." });
      }

      pillar.principles.forEach((principle, r) => {
        const path = ["pillars", p, "principles", r];
        const [, prefix, number] = PRINCIPLE_ID_PATTERN.exec(principle.id) ?? [];
        if (prefix !== pillar.id) {
          ctx.addIssue({ code: "custom", path: [...path, "id"], message: `Principle ${principle.id} must start with ${pillar.id}-.` });
        }
        if (principleIds.has(principle.id)) {
          ctx.addIssue({ code: "custom", path: [...path, "id"], message: `Principle ID ${principle.id} is used twice.` });
        }
        principleIds.add(principle.id);

        principle.controls.forEach((control, c) => {
          const [, cPrefix, cPrinciple] = CONTROL_ID_PATTERN.exec(control.id) ?? [];
          if (cPrefix !== pillar.id || cPrinciple !== number) {
            ctx.addIssue({
              code: "custom",
              path: [...path, "controls", c, "id"],
              message: `Control ${control.id} sits under ${principle.id}: its ID must start with ${principle.id}.`,
            });
          }
          if (controlIds.has(control.id)) {
            ctx.addIssue({ code: "custom", path: [...path, "controls", c, "id"], message: `Control ID ${control.id} is used twice.` });
          }
          controlIds.add(control.id);
        });
      });
    });
  });
export type TControlLibrary = z.infer<typeof ZControlLibrary>;
export type TControlLibraryInput = z.input<typeof ZControlLibrary>;
