import { NextResponse, type NextRequest } from "next/server";
import { buildCsp } from "@/lib/security/csp";

/**
 * Runs before every page (not API routes): a fresh CSP nonce per request, and a request id for log/audit
 * correlation. Authorization is NOT done here: every page and service checks on its own.
 */
export function proxy(request: NextRequest) {
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
  ],
};
