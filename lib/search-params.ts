import type { z } from "zod";

/** Turns Next's searchParams (string | string[]) into a plain object for Zod, dropping empties. */
export function paramsObject(params: Record<string, string | string[] | undefined>) {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== "");
    if (values.length === 0) continue;
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** Builds a query string from a base object and overrides (undefined removes a key). */
export function withParams(base: Record<string, string | string[]>, overrides: Record<string, string | undefined>) {
  const sp = new URLSearchParams();
  const merged: Record<string, string | string[] | undefined> = { ...base, ...overrides };
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) sp.append(key, v);
  }
  const qs = sp.toString();
  return qs ? `?${qs}` : "";
}

/** A query-string value a list page could not use: the parameter, the value as given, and what the page shows instead. */
export type IgnoredParam = { param: string; label: string; value: string; unknown: boolean; fallback: string; message: string };

/** Words for a parameter in the notice: its name as people read it and what the page falls back to. */
export type ParamWords = Record<string, { label?: string; fallback: string }>;

const MAX_SHOWN_VALUE = 60;

/**
 * Parses a list page's query string (`paramsObject` output) with the list's own Zod schema,
 * dropping the parameters whose values the schema refuses instead of failing the whole page: the
 * page renders with the remaining filters and names each dropped one (`IgnoredParamsNotice`).
 * Each round removes the top-level keys named by the issues' paths and parses again; a refusal
 * not tied to a given parameter (a rule across fields with no path) drops every parameter left.
 *
 * @param schema the list's query schema (the same one its service and JSON API parse with).
 * @param raw the query string as an object (`paramsObject(await searchParams)`).
 * @param words per parameter: `label` for the notice (default: the parameter name) and
 *   `fallback`, what is shown instead ("showing all statuses"; default "ignored").
 * @returns `data` (the parsed filter), `params` (raw without the dropped keys, for links and for
 *   calling the list's service) and `ignored` (empty when everything parsed).
 */
export function parseListParams<S extends z.ZodType>(schema: S, raw: Record<string, string | string[]>, words: ParamWords = {}): { data: z.output<S>; params: Record<string, string | string[]>; ignored: IgnoredParam[] } {
  const params = { ...raw };
  const ignored: IgnoredParam[] = [];
  const drop = (key: string, issue?: z.core.$ZodIssue) => {
    const value = params[key];
    delete params[key];
    if (value === undefined) return;
    const text = Array.isArray(value) ? value.join(", ") : value;
    ignored.push({
      param: key,
      label: words[key]?.label ?? key,
      value: text.length > MAX_SHOWN_VALUE ? `${text.slice(0, MAX_SHOWN_VALUE)}…` : text,
      unknown: issue?.code === "invalid_value" || issue?.code === "invalid_union",
      fallback: words[key]?.fallback ?? "ignored",
      message: issue?.message ?? "",
    });
  };
  for (;;) {
    const result = schema.safeParse(params);
    if (result.success) return { data: result.data, params, ignored };
    const named = new Map<string, z.core.$ZodIssue>();
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      if (typeof key === "string" && key in params && !named.has(key)) named.set(key, issue);
    }
    if (named.size === 0) {
      for (const key of Object.keys(params)) drop(key, result.error.issues[0]);
      // Nothing left to drop: the schema refuses even an empty query (a caller's bug, not the URL's).
      return { data: schema.parse({}), params, ignored };
    }
    for (const [key, issue] of named) drop(key, issue);
  }
}

/** The sentence for one ignored parameter: "Unknown status “BOGUS” — showing all statuses." */
export function ignoredParamSentence(p: IgnoredParam): string {
  const reason = p.unknown || !p.message ? "" : ` (${p.message.replace(/\.$/, "")})`;
  return `${p.unknown ? "Unknown" : "Invalid"} ${p.label} “${p.value}”${reason} — ${p.fallback}.`;
}
