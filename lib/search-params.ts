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
