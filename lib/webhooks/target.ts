import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import { chooseAddress, parseWebhookUrl, WebhookTargetError, type AddressVerdict } from "./ssrf";

/** Resolves a host name to its addresses (all of them, in the resolver's order). */
export type Resolver = (host: string) => Promise<string[]>;

/** How long a DNS lookup may take before the target counts as unresolved, in ms. */
export const DNS_TIMEOUT_MS = 5_000;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), bounded by DNS_TIMEOUT_MS. */
export const systemResolver: Resolver = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  try {
    const answers = await Promise.race([
      dnsLookup(host, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new WebhookTargetError(`Looking up ${host} took longer than ${DNS_TIMEOUT_MS / 1000} s.`, "unresolved")), DNS_TIMEOUT_MS);
      }),
    ]);
    return answers.map((a) => a.address);
  } catch (error) {
    if (error instanceof WebhookTargetError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new WebhookTargetError(`${host} could not be resolved${code ? ` (${code})` : ""}.`, "unresolved");
  } finally {
    clearTimeout(timer);
  }
};

/** A checked target: the URL and the one address the connection must go to. */
export type CheckedTarget = { url: URL; host: string; address: AddressVerdict };

/**
 * The SSRF guard (./ssrf.ts explains the ranges): parses the URL, resolves its host (an IP
 * literal is not looked up) and checks every address. The caller connects to
 * `address.address` and nothing else (./http.ts pins it), so a DNS answer that changes between
 * this check and the connection (DNS rebinding) cannot redirect the request.
 *
 * @param opts.allowPrivate skip the public-address rule (the admin setting or WEBHOOKS_ALLOW_PRIVATE).
 * @param opts.resolve the resolver (tests pass their own); default the system's.
 * @throws WebhookTargetError (`invalid`, `refused`, `unresolved`).
 */
export async function checkWebhookTarget(raw: string, opts: { allowPrivate: boolean; resolve?: Resolver }): Promise<CheckedTarget> {
  const parsed = parseWebhookUrl(raw);
  const addresses = parsed.literal ? [parsed.literal] : await (opts.resolve ?? systemResolver)(parsed.host);
  return { url: parsed.url, host: parsed.host, address: chooseAddress(parsed.host, addresses, opts.allowPrivate) };
}
