/**
 * Secret detection for asset fields (pure: no database, no Next, no auth). Credentials are
 * recorded as references (where a secret lives), never as the secret itself.
 */

export const SECRET_MESSAGE =
  "This looks like a secret. Record where the secret lives (e.g. vault path), never the secret itself.";

export type SecretFinding = { reason: string };

/** Well-known token shapes. Each needs a body long enough that ordinary words do not match. */
const SECRET_PATTERNS: readonly { reason: string; pattern: RegExp }[] = [
  { reason: "private key or certificate block", pattern: /-----BEGIN/ },
  { reason: "API key (sk-…)", pattern: /(?<![A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}/ },
  { reason: "Stripe-style key", pattern: /(?<![A-Za-z0-9])[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/ },
  { reason: "AWS access key id", pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{12,}/ },
  { reason: "GitHub token", pattern: /(?<![A-Za-z0-9])gh[pousr]_[A-Za-z0-9]{20,}/ },
  { reason: "GitHub fine-grained token", pattern: /(?<![A-Za-z0-9])github_pat_[A-Za-z0-9_]{20,}/ },
  { reason: "GitLab token", pattern: /(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{16,}/ },
  { reason: "Slack token", pattern: /(?<![A-Za-z0-9])xox[abposre]-[A-Za-z0-9-]{10,}/ },
  { reason: "Hugging Face token", pattern: /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}/ },
  { reason: "Google API key", pattern: /(?<![A-Za-z0-9])AIza[A-Za-z0-9_-]{30,}/ },
  { reason: "JSON Web Token", pattern: /(?<![A-Za-z0-9])eyJ[A-Za-z0-9_-]{10,}/ },
];

/**
 * Digests name artifacts, they are not secrets: a bare or algorithm-prefixed hex string of a
 * digest length (SHA-1, SHA-256, SHA-384, Rekor entry UUID, SHA-512) is ignored by the
 * high-entropy check.
 */
const DIGEST = /(?<![0-9A-Za-z])(?:sha-?(?:1|224|256|384|512)[:=-])?(?:[0-9a-fA-F]{128}|[0-9a-fA-F]{96}|[0-9a-fA-F]{80}|[0-9a-fA-F]{64}|[0-9a-fA-F]{40})(?![0-9A-Za-z])/g;

/** Token characters of base64 / base64url / hex (standard base64 includes "/"). */
const TOKEN_SPLIT = /[^A-Za-z0-9+/=_-]+/;
const MIN_TOKEN_LENGTH = 32;

/**
 * Returns why `value` looks like a secret, or null. Prefix patterns are always checked;
 * `highEntropy` also flags long random-looking tokens (for free-text fields such as notes,
 * secret locations and signature references, where a pasted key would otherwise slip in).
 */
export function detectSecret(value: string, opts: { highEntropy?: boolean } = {}): SecretFinding | null {
  for (const { reason, pattern } of SECRET_PATTERNS) {
    if (pattern.test(value)) return { reason };
  }
  if (!opts.highEntropy) return null;
  for (const word of value.split(/[\s"'`,;()<>[\]{}|]+/)) {
    const finding = checkWord(word);
    if (finding) return finding;
  }
  return null;
}

function checkWord(word: string): SecretFinding | null {
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/i.exec(word);
  if (!url) return checkTokens(word, { inUrlPath: false });
  const [, authority = "", path = "", query = "", fragment = ""] = url;
  const at = authority.lastIndexOf("@");
  if (at >= 0 && authority.slice(0, at).includes(":")) return { reason: "password in URL" };
  return checkTokens(path, { inUrlPath: true }) ?? checkTokens(`${query} ${fragment}`, { inUrlPath: false });
}

/**
 * Outside URLs a token is judged whole (base64 may contain "/") and per "/"-segment.
 * In URL paths only segments count, and hex segments are allowed: secret stores put hex
 * version ids there (e.g. Azure Key Vault).
 */
function checkTokens(text: string, { inUrlPath }: { inUrlPath: boolean }): SecretFinding | null {
  for (const token of text.replace(DIGEST, " ").split(TOKEN_SPLIT)) {
    if (token.length < MIN_TOKEN_LENGTH) continue;
    const segments = token.split("/").filter((s) => s.length >= MIN_TOKEN_LENGTH);
    const candidates = inUrlPath ? segments : [token, ...segments.filter((s) => s !== token)];
    for (const candidate of candidates) {
      if (/^[0-9a-fA-F]+$/.test(candidate)) {
        if (!inUrlPath) return { reason: "long hexadecimal token" };
      } else if (looksRandom(candidate)) {
        return { reason: "long random-looking token" };
      }
    }
  }
  return null;
}

/**
 * Random base64 mixes letter cases and digits in short runs with few vowels; identifiers and
 * paths ("CustomerSupportAssistantProdKey", "claims-triage-v2") have longer runs of one class
 * and read like words. Separators are ignored for the shape measures.
 */
export function looksRandom(token: string): boolean {
  const core = token.replace(/[^A-Za-z0-9]/g, "");
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(core)).length;
  if (classes < 2 || shannonEntropy(token) < 3.5) return false;
  let runs = 1;
  for (let i = 1; i < core.length; i++) {
    if (charClass(core[i]!) !== charClass(core[i - 1]!)) runs++;
  }
  const averageRun = core.length / runs;
  const letters = core.replace(/[0-9]/g, "");
  const vowelShare = letters.length ? (letters.match(/[aeiou]/gi)?.length ?? 0) / letters.length : 0;
  return averageRun < 2 || (averageRun < 2.6 && vowelShare < 0.3);
}

function charClass(c: string): number {
  if (c >= "a" && c <= "z") return 0;
  if (c >= "A" && c <= "Z") return 1;
  if (c >= "0" && c <= "9") return 2;
  return 3;
}

export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
