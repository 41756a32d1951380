/**
 * The webhook SSRF guard's pure half: which URLs a webhook may have and which IP addresses it
 * may reach. Pure (no DNS, no database); ./target.ts resolves the host name and applies this to
 * every address it returns, at save time and again before every delivery.
 *
 * Addresses are classified with ipaddr.js (MIT), which knows the IANA special-purpose ranges.
 * The rule fails closed: an IPv4 address is allowed only when ipaddr.js calls it plain
 * `unicast` (so loopback 127/8, private 10/8 172.16/12 192.168/16, link-local 169.254/16 with the
 * cloud metadata address, CGNAT 100.64/10, multicast, broadcast, 0/8 "this network" and every
 * reserved or documentation range are refused), and an IPv6 address only when it is `unicast`
 * AND inside the global unicast block 2000::/3 (so ::1, ::, fe80::/10, fc00::/7, ff00::/8, and
 * every form that embeds an IPv4 address: IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d,
 * NAT64 64:ff9b::/96, 6to4 2002::/16 and Teredo 2001::/32, are refused). IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they carry, so `::ffff:127.0.0.1` says "loopback".
 *
 * URL parsing is the WHATWG parser's (`new URL`), the one Node's HTTP client also uses: it turns
 * the decimal, octal and hex IPv4 spellings (`http://2130706433/`, `http://0177.0.0.1/`,
 * `http://0x7f.1/`) into dotted quads before we look at them, so they cannot slip past.
 */
import ipaddr from "ipaddr.js";

/** Why an address is refused, in words for the admin (keyed by ipaddr.js range names plus ours). */
const RANGE_LABELS: Record<string, string> = {
  unspecified: "an unspecified address (0.0.0.0 or ::)",
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address (169.254.0.0/16 or fe80::/10, where cloud metadata services live)",
  loopback: "a loopback address (this machine)",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  private: "a private network address (10/8, 172.16/12 or 192.168/16)",
  uniqueLocal: "a private IPv6 address (fc00::/7)",
  reserved: "a reserved or documentation address",
  ipv4Mapped: "an IPv4-mapped IPv6 address",
  rfc6145: "an IPv4-translated IPv6 address",
  rfc6052: "a NAT64 address that embeds an IPv4 address (64:ff9b::/96)",
  "6to4": "a 6to4 address that embeds an IPv4 address (2002::/16)",
  teredo: "a Teredo address that embeds an IPv4 address (2001::/32)",
  notGlobal: "an IPv6 address outside the global unicast range 2000::/3",
};

export type AddressVerdict = {
  /** The address as judged (an IPv4-mapped IPv6 address as its IPv4 address). */
  address: string;
  family: 4 | 6;
  /** ipaddr.js's range name (`unicast`, `loopback`, `private`, …) or `notGlobal`. */
  range: string;
  /** True when a webhook may reach it without the "allow private targets" setting. */
  public: boolean;
  /** Why it is not public, for messages ("a loopback address (this machine)"); null when public. */
  reason: string | null;
};

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

/**
 * Classifies one IP address (as DNS returns it or as a URL literal, without brackets).
 * @returns null when the text is not an IP address.
 */
export function classifyAddress(text: string): AddressVerdict | null {
  if (!ipaddr.isValid(text)) return null;
  // `process` turns an IPv4-mapped IPv6 address into the IPv4 address it carries.
  const addr = ipaddr.process(text);
  let range: string = addr.range();
  if (addr.kind() === "ipv6" && range === "unicast" && !(addr as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)) range = "notGlobal";
  const isPublic = range === "unicast";
  return {
    address: addr.toString(),
    family: addr.kind() === "ipv4" ? 4 : 6,
    range,
    public: isPublic,
    reason: isPublic ? null : (RANGE_LABELS[range] ?? `a special-purpose address (${range})`),
  };
}

/** A webhook URL the guard accepted syntactically. */
export type ParsedWebhookUrl = {
  url: URL;
  /** The host without IPv6 brackets, lower-case. */
  host: string;
  /** The host when it is an IP address literal (then no DNS lookup happens), else null. */
  literal: string | null;
};

/** Thrown for a URL or target the guard refuses; `message` is written for the admin. */
export class WebhookTargetError extends Error {
  constructor(
    message: string,
    /** `invalid`: not an acceptable URL; `refused`: a non-public address; `unresolved`: DNS gave nothing (may be temporary). */
    readonly kind: "invalid" | "refused" | "unresolved",
  ) {
    super(message);
    this.name = "WebhookTargetError";
  }
}

/**
 * Parses a webhook URL: http or https only, no user name or password (the signature
 * authenticates us; credentials in URLs end up in logs), no fragment, a host present.
 * @throws WebhookTargetError (`invalid`).
 */
export function parseWebhookUrl(raw: string): ParsedWebhookUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError("The URL is not a valid address; it must start with https:// or http://.", "invalid");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new WebhookTargetError("The URL must start with https:// or http://.", "invalid");
  if (url.username || url.password) throw new WebhookTargetError("Leave user names and passwords out of the URL: receivers check the signature instead.", "invalid");
  if (url.hash) throw new WebhookTargetError("Leave the #fragment out of the URL (it is never sent).", "invalid");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (!host) throw new WebhookTargetError("The URL needs a host name.", "invalid");
  return { url, host, literal: ipaddr.isValid(host) ? host : null };
}

/**
 * The guard's decision over every address a host resolved to: all must be public unless
 * private targets are allowed (a host that answers with one public and one private address is
 * refused: the connection could go to either).
 * @returns the address to connect to (the first one).
 * @throws WebhookTargetError (`refused` naming the address and its range; `unresolved` when empty).
 */
export function chooseAddress(host: string, addresses: readonly string[], allowPrivate: boolean): AddressVerdict {
  if (addresses.length === 0) throw new WebhookTargetError(`${host} did not resolve to any address.`, "unresolved");
  const verdicts = addresses.map((a) => classifyAddress(a));
  for (const [i, v] of verdicts.entries()) {
    if (!v) throw new WebhookTargetError(`${host} resolved to "${addresses[i]}", which is not an IP address.`, "refused");
    if (!v.public && !allowPrivate) {
      const what = ipaddr.isValid(host) ? `${host} is ${v.reason}` : `${host} resolves to ${v.address}, ${v.reason}`;
      throw new WebhookTargetError(`Refused: ${what}. Webhooks may only reach public addresses unless an admin allows private targets.`, "refused");
    }
  }
  return verdicts[0]!;
}
