/**
 * Shared Zod building blocks for every value that comes from outside (form, JSON, query, path,
 * header, file, server-action argument). Each knows what PostgreSQL and our columns accept, so
 * a value the database would refuse is refused here first, with a message that names the
 * problem, and never reaches the database as a 500:
 *
 * - text: PostgreSQL `text` cannot hold U+0000 (NUL); a lone UTF-16 surrogate cannot be encoded
 *   as UTF-8 at all. Both are refused.
 * - names: must contain a visible character (not only spaces or zero-width characters) and no
 *   bidirectional control characters, which make text display in a different order than it is
 *   stored (the "Trojan Source" trick, CVE-2021-42574).
 * - integers: PostgreSQL `integer` is 32-bit signed (−2 147 483 648 … 2 147 483 647); booleans
 *   and fractions are not numbers here (`true` is not 1).
 * - dates: calendar dates `YYYY-MM-DD` that exist, between 1900-01-01 and 2999-12-31 (far inside
 *   what `date` and JavaScript can hold; a governance date outside it is a typing error).
 * - ids: our ids are cuid or UUID strings; anything else cannot name a row.
 *
 * Every schema in `lib/<feature>/schema.ts` is built from these.
 */
import { z } from "zod";

export const PG_INT_MAX = 2_147_483_647;
export const PG_INT_MIN = -2_147_483_648;
export const DATE_MIN = "1900-01-01";
export const DATE_MAX = "2999-12-31";

const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Bidirectional formatting characters: embeddings, overrides, isolates and marks. */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
/** Characters that show nothing: white space, zero-width and other format characters. */
const INVISIBLE = /^[\s\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u034f\u180e\p{Cf}]*$/u;
/** Characters that take no room on screen (zero-width, soft hyphen, format controls); not spaces. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u034f\u180e\p{Cf}]/gu;

/** How many characters a reader sees: zero-width and format characters removed, then trimmed. */
export function visibleLength(v: string): number {
  return v.replace(ZERO_WIDTH, "").trim().length;
}

/** True when PostgreSQL can store `v` as text: no NUL and no lone UTF-16 surrogate. */
export function isStorableText(v: string): boolean {
  return !NUL.test(v) && !LONE_SURROGATE.test(v);
}

/**
 * Where in a parsed JSON document (an imported file) the first string PostgreSQL cannot store
 * sits, as a path like `detail.diagrams.0.cells.3.data.threats.0.title`, or null. Walks
 * iteratively (a file nested thousands deep cannot overflow the stack) and checks object keys
 * too.
 */
export function firstUnstorablePath(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length) {
    const [node, at] = stack.pop()!;
    if (typeof node === "string") {
      if (!isStorableText(node)) return at || "(the document)";
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], at ? `${at}.${i}` : String(i)]);
    } else if (node && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        const path = at ? `${at}.${key}` : key;
        if (!isStorableText(key)) return path;
        stack.push([child, path]);
      }
    }
  }
  return null;
}

type TextOptions = {
  /** Longest accepted value, in characters, after trimming. */
  max: number;
  /** Shortest accepted value (default 0; use `zName` or min 1 for required text). */
  min?: number;
  /** How the field is called in messages, e.g. "The name". */
  label?: string;
  /** The message for a value given several times (a repeated query parameter, `?q=a&q=b`); default "<label> must be given once, not repeated." */
  repeated?: string;
  /** Keep leading and trailing white space (default: trim). */
  keepWhitespace?: boolean;
};

/** Refusals shared by every text block. */
function storableText(schema: z.ZodString, label: string) {
  return schema
    .refine((v) => !NUL.test(v), { message: `${label} contains a NUL character (U+0000), which cannot be stored.` })
    .refine((v) => !LONE_SURROGATE.test(v), { message: `${label} contains an invalid character (a lone UTF-16 surrogate).` });
}

/**
 * Free text such as a description or a note. With `min` > 0 the length that counts is what a
 * reader sees (zero-width and format characters such as U+200B do not count), so invisible text
 * never satisfies a required field.
 * @returns a schema of string, trimmed unless `keepWhitespace`.
 */
export function zText({ max, min = 0, label = "This field", keepWhitespace = false, repeated }: TextOptions) {
  // A missing field reads "is required" (an optional field never gets here: `.optional()` answers first);
  // a repeated query parameter arrives as an array and says so.
  let base = z.string({
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? `${label} is required.`
        : Array.isArray(issue.input)
          ? (repeated ?? `${label} must be given once, not repeated.`)
          : `${label} must be text.`,
  });
  if (!keepWhitespace) base = base.trim();
  base = base.max(max, `${label} must be at most ${max} characters.`);
  if (min > 0) base = base.min(min, min === 1 ? `${label} is required.` : `${label} must be at least ${min} characters.`);
  const stored = storableText(base, label);
  if (min === 0) return stored;
  // Required text counts what a reader sees: ten zero-width spaces are not a ten-character reason.
  return stored.refine((v) => v.length < min || visibleLength(v) >= min, {
    message: min === 1 ? `${label} must contain visible characters.` : `${label} must be at least ${min} visible characters.`,
  });
}

/**
 * A name people read in lists (system, asset, token, evidence title): required, at least one
 * visible character, no bidirectional control characters.
 */
export function zName({ max, min = 1, label = "The name" }: Omit<TextOptions, "keepWhitespace">) {
  return zText({ max, min, label })
    .refine((v) => v.length === 0 || !INVISIBLE.test(v), { message: `${label} must contain visible characters.` })
    .refine((v) => !BIDI_CONTROLS.test(v), { message: `${label} must not contain text-direction control characters (such as U+202E).` });
}

/** Optional text from a form: "" and null become null. */
export function zOptionalText(options: TextOptions) {
  return z
    .union([zText(options), z.null()])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));
}

/** A record id (cuid or UUID). Malformed ids name no row: callers answer 404 for path ids. */
export function zId(label = "The id") {
  return z
    .string({ error: (issue) => (issue.input === undefined || issue.input === null ? `${label} is required.` : `${label} must be text.`) })
    .min(1, `${label} is required.`)
    .max(64, `${label} is not a valid id.`)
    .regex(/^[A-Za-z0-9_-]+$/, `${label} is not a valid id.`);
}

type IntOptions = {
  min?: number;
  max?: number;
  label?: string;
  /** One message for every refusal (e.g. "Choose a likelihood from 1 to 5."), instead of the label-based ones. */
  message?: string;
};

/**
 * A whole number that fits PostgreSQL `integer`. Accepts a JSON number or a string of digits
 * (form fields); refuses booleans, fractions, exponents and anything out of range.
 */
export function zInt({ min = PG_INT_MIN, max = PG_INT_MAX, label = "This value", message }: IntOptions = {}) {
  const lo = Math.max(min, PG_INT_MIN);
  const hi = Math.min(max, PG_INT_MAX);
  const notWhole = message ?? `${label} must be a whole number.`;
  return z
    .union([z.number({ error: notWhole }), z.string({ error: notWhole }).trim().regex(/^[+-]?\d{1,16}$/, notWhole)], {
      error: notWhole,
    })
    .transform((v) => (typeof v === "string" ? Number(v) : v))
    .refine((v) => Number.isInteger(v), { message: notWhole })
    .refine((v) => v >= lo && v <= hi, { message: message ?? `${label} must be between ${lo} and ${hi}.` });
}

/** The row version a client read (optimistic concurrency); a missing or odd one is refused. */
export function zRowVersion() {
  return zInt({ min: 1, label: "The record version" }).describe("The rowVersion the client read; a stale one is a 409 conflict.");
}

/** `YYYY-MM-DD`, a date that exists, between DATE_MIN and DATE_MAX. */
export function zDate(label = "The date") {
  // One message per refusal: the first problem found, not every check that follows it.
  return z
    .string({ error: `${label} must be a date like 2027-01-31.` })
    .trim()
    .superRefine((v, ctx) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        ctx.addIssue({ code: "custom", message: `${label} must be a date like 2027-01-31.` });
        return;
      }
      const d = new Date(`${v}T00:00:00.000Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
        ctx.addIssue({ code: "custom", message: `${label} is not a date that exists.` });
        return;
      }
      if (v < DATE_MIN || v > DATE_MAX) ctx.addIssue({ code: "custom", message: `${label} must be between ${DATE_MIN} and ${DATE_MAX}.` });
    });
}

/** An optional date from a form or JSON: "" and null become null. */
export function zOptionalDate(label = "The date") {
  return z
    .union([zDate(label), z.literal(""), z.null()])
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));
}

/** A boolean from JSON (`true`/`false`) or a form (`"true"`, `"false"`, `"on"`, `"1"`, `"0"`). */
export function zBool(label = "This value") {
  return z.union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"])], { error: `${label} must be true or false.` }).transform((v) => v === true || v === "true" || v === "on" || v === "1");
}

/** An http(s) URL of at most 2048 characters. */
export function zHttpUrl(label = "The link") {
  return zText({ max: 2048, min: 1, label })
    .refine(
      (v) => {
        try {
          const url = new URL(v);
          return url.protocol === "http:" || url.protocol === "https:";
        } catch {
          return false;
        }
      },
      { message: `${label} must be an http:// or https:// address.` },
    );
}
