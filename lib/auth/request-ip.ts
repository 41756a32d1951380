import { BlockList, isIP } from "node:net";
import { getConfig, type TrustedProxy } from "@/lib/config";

/** What we record when the client's address cannot be known without believing the client. */
export const UNKNOWN_IP = "unknown";

/** "Is this address one of our proxies?", or null when no proxy is trusted (the default). */
export type ProxyTrust = ((ip: string) => boolean) | null;

/**
 * A predicate "is this address one of our reverse proxies?" built from `TRUSTED_PROXIES`
 * (IPs and CIDR ranges, IPv4 and IPv6; IPv4-mapped IPv6 addresses match their IPv4 form).
 */
export function proxyMatcher(proxies: readonly TrustedProxy[]): ProxyTrust {
  if (proxies.length === 0) return null;
  const list = new BlockList();
  for (const p of proxies) list.addSubnet(p.address, p.prefix, p.family);
  return (ip) => {
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? "ipv6" : "ipv4");
  };
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; "[::1]" → "::1"; anything that is not an IP → null. */
export function normaliseIp(value: string | undefined | null): string | null {
  if (!value) return null;
  let ip = value.trim();
  if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.slice(1, -1);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  return isIP(ip) ? ip.toLowerCase() : null;
}

/**
 * The client's address, believing forwarding headers only as far as they were written by a
 * trusted proxy.
 *
 * Why "unknown" when no proxy is trusted: Next.js (`next start`, standalone `server.js`)
 * gives the application no connection address. It only fills `X-Forwarded-For` with the
 * socket's address *when the request carries none*, so a header the client forged is
 * indistinguishable from one Next wrote. With no trusted proxies we therefore believe
 * nothing and say so.
 *
 * With trusted proxies, every request is taken to arrive through one of them (see the
 * precondition), so the rightmost `X-Forwarded-For` entry is the address our nearest proxy
 * saw. The list is walked from the right: entries that are themselves trusted proxies are
 * skipped (they wrote the entry to their left) and the first untrusted address is the client. If every hop is
 * trusted (a proxy that sets only `X-Real-IP`, so the one entry is the proxy itself, written
 * by Next), `X-Real-IP` is used when it is a valid address, else the leftmost hop. A hop
 * that is not an IP address stops the walk: "unknown".
 *
 * Precondition (documented in README): with `TRUSTED_PROXIES` set, the app must be reachable
 * only through those proxies, because the app cannot see that a request came from one.
 *
 * @param headers the request headers
 * @param isTrusted from {@link proxyMatcher} (null: trust none); by default from the configuration
 * @returns an IP address (IPv4 dotted or lower-case IPv6) or {@link UNKNOWN_IP}
 */
export function clientIp(headers: Headers, isTrusted: ProxyTrust = configuredMatcher()): string {
  const forwarded = headers.get("x-forwarded-for");
  const hops = forwarded ? forwarded.split(",").map((h) => h.trim()).filter(Boolean) : [];
  if (!isTrusted || hops.length === 0) return UNKNOWN_IP;
  for (let i = hops.length - 1; i >= 0; i--) {
    const ip = normaliseIp(hops[i]);
    if (!ip) return UNKNOWN_IP;
    if (!isTrusted(ip)) return ip;
  }
  return normaliseIp(headers.get("x-real-ip")) ?? normaliseIp(hops[0]) ?? UNKNOWN_IP;
}

let cached: { source: readonly TrustedProxy[]; match: ProxyTrust } | undefined;
function configuredMatcher() {
  const proxies = getConfig().TRUSTED_PROXIES;
  if (cached?.source !== proxies) cached = { source: proxies, match: proxyMatcher(proxies) };
  return cached.match;
}
