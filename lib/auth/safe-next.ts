/**
 * Where to send the browser after sign-in, given an untrusted `next` value from a query
 * string or form.
 *
 * The rule (issue 7, "open redirect after sign-in"): resolve the value with the WHATWG URL
 * parser — the same algorithm browsers use for a `Location` header — against a placeholder
 * origin, and accept it only when the result keeps that origin. Whatever the browser would
 * do with backslashes (`/\host`), tabs and newlines (stripped by the parser), `//host`,
 * `javascript:` or absolute URLs is therefore what we check. We then return the *normalised*
 * path, never the raw input, so what we check is exactly what we send. A normalised path that
 * starts with `//` (e.g. from `/.//host`) would itself be protocol-relative in a `Location`
 * header, so it is refused too. Percent-encoded slashes (`%2f`, `%5c`) stay encoded in the
 * path and therefore stay on this origin.
 *
 * @param value the raw `next` value (anything: string, null, File, ...)
 * @returns a path beginning with exactly one `/` (with search and hash), or "/" when refused
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_NEXT_LENGTH) return "/";
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/";
  // Never send someone back to the sign-in page or Auth.js's own endpoints after signing in.
  if (url.pathname === "/login" || url.pathname.startsWith("/api/auth/")) return "/";
  return path;
}

/** A host that cannot exist (RFC 6761 `.invalid`), so no real input can resolve to it by chance. */
const PLACEHOLDER_ORIGIN = "https://app.invalid";
const MAX_NEXT_LENGTH = 2048;

/**
 * Auth.js `redirect` callback rule: a relative path or a URL on the app's own base URL is
 * kept (normalised through {@link safeNextPath}); anything else goes to the base URL.
 *
 * @param url what Auth.js was asked to redirect to
 * @param baseUrl the app's origin as Auth.js knows it (e.g. `http://127.0.0.1:3000`)
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    return "/";
  }
  let candidate = url;
  try {
    const absolute = new URL(url, base);
    if (absolute.origin !== base.origin) return base.origin;
    candidate = `${absolute.pathname}${absolute.search}${absolute.hash}`;
  } catch {
    return base.origin;
  }
  return `${base.origin}${safeNextPath(candidate)}`;
}
