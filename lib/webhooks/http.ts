import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { CheckedTarget } from "./target";

/** A delivery attempt gives up after this long (connect, send and the response head), in ms. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** Characters of the response body kept for the log (the rest is never read or stored). */
export const EXCERPT_CHARS = 200;

export type PostOutcome = {
  /** The HTTP status, when a response arrived. */
  statusCode: number | null;
  /** At most EXCERPT_CHARS characters of the response body. */
  excerpt: string | null;
  /** Network-level failure (refused, reset, TLS, timeout), when there was one. */
  error: string | null;
  durationMs: number;
};

/** Text PostgreSQL can store: no NUL, no lone surrogate (a cut in the middle of a pair included). */
function storable(text: string | null): string | null {
  return text === null ? null : text.replace(/\u0000/g, "\uFFFD").toWellFormed();
}

/** A `lookup` that always answers the address the guard checked (no second DNS query). */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;
}

/**
 * POSTs `body` to a checked target, connecting only to `target.address` (the host name still
 * goes in the Host header and, for https, in SNI and the certificate check). Redirects are
 * not followed (a 3xx is a failed attempt). A fresh connection per attempt (no keep-alive pool,
 * so no socket opened for another address is reused). Gives up after DELIVERY_TIMEOUT_MS.
 * Reads at most EXCERPT_CHARS characters of the response body, then drops the connection.
 * Never throws: every failure is in the outcome.
 */
export function postToTarget(target: CheckedTarget, body: string, headers: Record<string, string>, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<PostOutcome> {
  const started = performance.now();
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<PostOutcome, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, excerpt: storable(outcome.excerpt), error: storable(outcome.error), durationMs: Math.max(0, Math.round(performance.now() - started)) });
    };
    const request = client.request(
      target.url,
      {
        method: "POST",
        agent: false,
        lookup: pinnedLookup(target.address.address, target.address.family),
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body, "utf8")) },
      },
      (response) => {
        const statusCode = response.statusCode ?? null;
        let excerpt = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          excerpt += chunk;
          if (excerpt.length >= EXCERPT_CHARS) {
            response.destroy();
            finish({ statusCode, excerpt: excerpt.slice(0, EXCERPT_CHARS), error: null });
          }
        });
        response.on("end", () => finish({ statusCode, excerpt: excerpt || null, error: null }));
        // Cut short (timeout) after the status arrived: the status still counts.
        response.on("error", () => finish({ statusCode, excerpt: excerpt.slice(0, EXCERPT_CHARS) || null, error: null }));
        response.on("close", () => finish({ statusCode, excerpt: excerpt.slice(0, EXCERPT_CHARS) || null, error: null }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => {
      finish({ statusCode: null, excerpt: null, error: error.code ? `${error.code}: ${error.message}` : error.message });
    });
    request.end(body);
  });
}
