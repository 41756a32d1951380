/**
 * Which element a deep link points at. Links to a record carry its element id in the hash
 * (`#evidence-<id>`, `#item-<id>`, `/library#DES-2.3`) and/or name it in the query
 * (`?evidence=<id>`, `?item=<id>`, `?asset=<id>`); the hash wins. Pure: used by the client's
 * DeepLinkFocus, which scrolls the element into view and highlights it.
 *
 * @param hash `location.hash` ("" or "#…", percent-encoded).
 * @param search the query (`URLSearchParams`).
 * @returns the element id, or null when the address names none (or the hash is malformed).
 */
export function deepLinkTargetId(hash: string, search: URLSearchParams): string | null {
  if (hash.length > 1) {
    try {
      return decodeURIComponent(hash.slice(1));
    } catch {
      return null;
    }
  }
  for (const key of ["evidence", "item", "asset"] as const) {
    const value = search.get(key);
    if (value) return `${key}-${value}`;
  }
  return null;
}
