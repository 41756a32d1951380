/** Free text in asset fields: what PostgreSQL can store, lists typed into one box, previews (pure). */

/**
 * Why `value` cannot be stored as PostgreSQL text, or null. PostgreSQL refuses the NUL
 * character (U+0000) in `text` and `jsonb`; an unpaired UTF-16 surrogate (e.g. from the JSON
 * escape "\ud800") has no UTF-8 form and would be stored silently as U+FFFD.
 */
export function unstorableTextReason(value: string): string | null {
  if (value.includes("\u0000")) return "contains a NUL character (U+0000), which cannot be stored";
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    return "contains an unpaired UTF-16 surrogate (an invalid character)";
  }
  return null;
}

/**
 * Makes text from a file safe to show and to store in an audit summary: NUL and unpaired
 * surrogates become U+FFFD, other control characters a space, and long text is shortened.
 */
export function displayText(value: string, max = 200): string {
  const cleaned = value
    .replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .replace(/[\u0001-\u001F\u007F]/g, " ");
  return preview(cleaned, max) ?? "";
}

/** "a, b\nc;d" -> ["a", "b", "c", "d"]: trimmed, empty entries dropped, duplicates removed. */
export function splitList(value: string): string[] {
  return [...new Set(value.split(/[\n\r,;]+/).map((s) => s.trim()).filter(Boolean))];
}

/**
 * Shortens long free text for audit summaries and reports: at most `max` UTF-16 code units
 * plus "…", never cutting a surrogate pair in half (PostgreSQL's jsonb refuses the half).
 */
export function preview(text: string | null | undefined, max = 200): string | null {
  if (text === null || text === undefined) return null;
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? "") ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}
