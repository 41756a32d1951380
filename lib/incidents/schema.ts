/**
 * Input schemas of the incident services, built from the shared field blocks
 * (lib/validation/fields.ts). Framework tags are checked against the allow-lists in
 * lib/controls/identifiers.ts (ATLAS techniques, OWASP LLM 2025, OWASP Agentic).
 */
import { z } from "zod";
import { ATLAS_TECHNIQUES, isOwaspAgenticId, isOwaspLlmId } from "@/lib/controls/identifiers";
import { zBool, zId, zName, zOptionalText, zRowVersion, zText } from "@/lib/validation/fields";
import { INCIDENT_CATEGORIES, PARTIES, SEVERITIES, STATUSES } from "./catalog";
import { MAX_RULE_HOURS } from "./rules";
import type { ParamWords } from "@/lib/search-params";

/** Earliest detection time accepted (a typing error before that). */
const EARLIEST = Date.parse("2000-01-01T00:00:00Z");
/** Clock skew allowed for a detection time "now" typed on another machine. */
const SKEW_MS = 10 * 60_000;

/**
 * A moment as typed in a `datetime-local` field (`2026-11-30T14:05`, read as UTC) or an ISO
 * timestamp with a zone. Not in the future, not before 2000.
 */
export function zMoment(label: string) {
  return z
    .string({ error: `${label} must be a date and time.` })
    .trim()
    .min(1, `${label} is required.`)
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, `${label} must be a date and time like 2026-11-30T14:05.`)
    .refine(
      (v) => {
        const day = new Date(`${v.slice(0, 10)}T00:00:00Z`);
        return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v.slice(0, 10) && Number(v.slice(11, 13)) < 24 && Number(v.slice(14, 16)) < 60;
      },
      { message: `${label} is not a time that exists.` },
    )
    .transform((v) => new Date(/(Z|[+-]\d{2}:\d{2})$/.test(v) ? v : `${v}Z`))
    .refine((d) => !Number.isNaN(d.getTime()), { message: `${label} is not a time that exists.` })
    .refine((d) => d.getTime() >= EARLIEST, { message: `${label} must be after 2000-01-01.` })
    .refine((d) => d.getTime() <= Date.now() + SKEW_MS, { message: `${label} cannot be in the future.` });
}

const isAtlasTechnique = (id: string) => Object.prototype.hasOwnProperty.call(ATLAS_TECHNIQUES, id);

/** One tag list for the form: every id must be an allow-listed ATLAS technique or OWASP id. */
const zTags = z
  .array(z.string().trim().max(40, "Unknown tag."))
  .max(30, "Choose at most 30 tags.")
  .default([])
  .superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      if (!isAtlasTechnique(id) && !isOwaspLlmId(id) && !isOwaspAgenticId(id)) {
        ctx.addIssue({ code: "custom", path: [index], message: `"${id}" is not an allow-listed MITRE ATLAS technique or OWASP Top 10 identifier.` });
      }
    });
  })
  .transform((ids) => [...new Set(ids)]);

/** Splits a validated tag list into the three stored columns. */
export function splitTags(tags: readonly string[]) {
  return {
    atlas: tags.filter(isAtlasTechnique),
    owaspLlm: tags.filter((t) => isOwaspLlmId(t)),
    owaspAgentic: tags.filter((t) => isOwaspAgenticId(t)),
  };
}

const ids = (label: string, max: number) =>
  z
    .array(zId(label))
    .max(max, `Choose at most ${max}.`)
    .transform((v) => [...new Set(v)]);

export const ZReportIncident = z.object({
  title: zName({ max: 200, label: "The title" }),
  category: z.enum(INCIDENT_CATEGORIES, { error: "Choose a category." }),
  severity: z.enum(SEVERITIES, { error: "Choose a severity." }),
  systemIds: ids("The system", 20).refine((v) => v.length > 0, "Choose at least one affected system."),
  assetIds: ids("The asset", 200).default([]),
  detectedAt: zMoment("The detection time"),
  leadId: z
    .union([zId("The incident lead"), z.literal("")])
    .optional()
    .transform((v) => v || null),
  description: zText({ max: 10_000, min: 1, label: "The description" }),
  impact: zText({ max: 5_000, min: 1, label: "The user and data impact" }),
  tags: zTags,
});
export type TReportIncident = z.output<typeof ZReportIncident>;

export const ZUpdateIncident = z.object({
  expectedVersion: zRowVersion(),
  title: zName({ max: 200, label: "The title" }),
  category: z.enum(INCIDENT_CATEGORIES, { error: "Choose a category." }),
  severity: z.enum(SEVERITIES, { error: "Choose a severity." }),
  leadId: z
    .union([zId("The incident lead"), z.literal("")])
    .optional()
    .transform((v) => v || null),
  description: zText({ max: 10_000, min: 1, label: "The description" }),
  impact: zText({ max: 5_000, min: 1, label: "The user and data impact" }),
  tags: zTags,
  assetIds: ids("The asset", 200).default([]),
});

export const ZTransitionIncident = z.object({
  expectedVersion: zRowVersion(),
  comment: zOptionalText({ max: 4_000, label: "The comment" }),
  rootCause: zOptionalText({ max: 10_000, label: "The root cause" }),
  lessonsLearned: zOptionalText({ max: 10_000, label: "The lessons learned" }),
});

export const ZAddEntry = z.object({
  kind: z.enum(["NOTE", "ACTION"], { error: "Choose note or action taken." }),
  body: zText({ max: 10_000, min: 1, label: "The entry" }),
  evidenceId: z
    .union([zId("The evidence"), z.literal("")])
    .optional()
    .transform((v) => v || null),
});

export const ZPauseSystem = z.object({
  systemId: zId("The system"),
  comment: zText({ max: 4_000, min: 1, label: "The reason" }),
});

export const ZNotificationDone = z.object({
  expectedVersion: zRowVersion(),
  evidenceId: zId("Evidence of the notification"),
  note: zOptionalText({ max: 2_000, label: "The note" }),
});

export const ZAddNotification = z.object({
  party: z.enum(PARTIES, { error: "Choose a party." }),
  hours: z
    .union([z.literal(""), z.coerce.number()])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v))
    .refine((v) => v === null || (Number.isInteger(v) && v > 0 && v <= MAX_RULE_HOURS), `Hours must be a whole number between 1 and ${MAX_RULE_HOURS}.`),
  note: zOptionalText({ max: 2_000, label: "The note" }),
});

export const ZFollowUp = z.object({
  systemId: zId("The system"),
  kind: z.enum(["CHECKLIST_ITEM", "THREAT"], { error: "Choose a checklist item or a threat." }),
  /** For CHECKLIST_ITEM: the control code on the system's checklist (e.g. DEP-3.1). */
  controlCode: z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((v) => v || null),
  title: zName({ max: 200, label: "The follow-up title" }),
  detail: zText({ max: 4_000, min: 1, label: "What has to change" }),
});

export const ZNotificationRules = z.object(
  Object.fromEntries(
    SEVERITIES.map((s) => [
      s,
      z.object(
        Object.fromEntries(
          PARTIES.map((p) => [
            p,
            z
              .union([z.literal(""), z.null(), z.coerce.number()])
              .optional()
              .transform((v) => (v === "" || v === undefined || v === null ? null : v))
              .refine((v) => v === null || (Number.isInteger(v) && v > 0 && v <= MAX_RULE_HOURS), `Hours must be a whole number between 1 and ${MAX_RULE_HOURS}, or empty for no duty.`),
          ]),
        ),
      ),
    ]),
  ),
);

/** Age bands of the incident list's `age` filter (time since detection). */
export const INCIDENT_AGES = ["lt1d", "1to7d", "gt7d"] as const;
export type IncidentAge = (typeof INCIDENT_AGES)[number];
/** Words for the `age` filter. */
export const AGE_LABELS: Record<IncidentAge, string> = { lt1d: "Under a day old", "1to7d": "1 to 7 days old", gt7d: "Over 7 days old" };

export const ZListIncidents = z.object({
  status: z.union([z.enum([...STATUSES, "open", "all"]), z.literal("")]).optional().transform((v) => v || "open"),
  severity: z.union([z.enum(SEVERITIES), z.literal("")]).optional().transform((v) => v || null),
  category: z.union([z.enum(INCIDENT_CATEGORIES), z.literal("")]).optional().transform((v) => v || null),
  systemId: z.union([zId("The system"), z.literal("")]).optional().transform((v) => v || null),
  q: z.string().trim().max(200).optional().transform((v) => v || null),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
  overdue: zBool("overdue").optional(),
  /** Time since detection: under a day, one to seven days, over seven days (the home page's age figures). */
  age: z.union([z.enum(INCIDENT_AGES), z.literal("")]).optional().transform((v) => v || null),
});
/** What the incident lists (/incidents, a system's incidents) show instead of a filter value it cannot use (the notice's words). */
export const INCIDENT_LIST_PARAM_WORDS: ParamWords = {
  status: { fallback: "showing open incidents" },
  severity: { fallback: "showing every severity" },
  category: { fallback: "showing every category" },
  systemId: { label: "system", fallback: "showing every system's incidents" },
  q: { label: "search", fallback: "showing every incident" },
  page: { fallback: "showing the first page" },
  overdue: { label: "overdue filter", fallback: "showing incidents whatever their deadlines" },
  age: { fallback: "showing incidents of any age" },
};

export type TListIncidents = z.output<typeof ZListIncidents>;
