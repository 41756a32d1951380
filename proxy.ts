import { NextResponse, type NextRequest } from "next/server";
import { buildCsp } from "@/lib/security/csp";

/**
 * True when every segment of the raw (still percent-encoded) path decodes to text. Next's router
 * fails on the others (`%FF`, an encoded lone surrogate `%ED%A0%80`, a cut-off `%E0%A4%A`, a bare
 * `%`) while matching a dynamic segment and answers 500 (issue 7): such a path names nothing.
 */
export function isDecodablePath(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs before every page (not API routes): a fresh CSP nonce per request, and a request id for log/audit
 * correlation. Authorization is NOT done here: every page and service checks on its own. Any path
 * with a `%` (API routes and prefetches included, see the matcher) that does not percent-decode
 * answers 404 here, before Next's router would fail on it.
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!isDecodablePath(pathname)) {
    return new NextResponse("Not found.", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  // Matched only for the decodability check above (see the matcher): API routes set their own headers.
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildCsp(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const incomingId = request.headers.get("x-request-id");
  requestHeaders.set("x-request-id", incomingId && /^[\w.-]{1,100}$/.test(incomingId) ? incomingId : crypto.randomUUID());
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only. Route handlers under /api answer JSON or files and set their own headers
      // (evidence downloads carry a sandbox CSP); more importantly, Next buffers the body of
      // every request the proxy sees and cuts it at 10 MB, which would truncate uploads.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    // Any path holding a percent sign, API routes and prefetches included, for the decodability
    // check (no legitimate id or path of ours contains one, so uploads are never buffered here).
    { source: "/(.*%.*)" },
  ],
};
