/**
 * A redacted CSAF 2.0 advisory for sharing an incident's lessons (the guidelines' "collect
 * and share lessons learned"). Profile `csaf_security_incident_response` (CSAF 2.0 §4.5):
 * notes of category summary/details/general and at least one external reference. Pure: the
 * caller passes the incident's facts and the words the reviewer chose to share.
 *
 * Redaction: what leaves is only what the reviewer typed in the share form (prefilled from the
 * incident) plus category, severity, ATLAS/OWASP ids and day-precision dates; the names of
 * affected systems, assets and people, e-mail addresses and IP addresses are replaced in
 * every text, and internal ids never appear.
 */
import { ATLAS_VERSION } from "@/lib/controls/identifiers";
import { CATEGORY_LABELS, incidentRef, SEVERITY_DEFINITIONS } from "./catalog";

export type AdvisoryFacts = {
  number: number;
  category: keyof typeof CATEGORY_LABELS;
  severity: keyof typeof SEVERITY_DEFINITIONS;
  status: string;
  detectedAt: Date;
  closedAt: Date | null;
  atlas: string[];
  owaspLlm: string[];
  owaspAgentic: string[];
  /** Words to scrub from every text: system, asset and people names. */
  secrets: { systems: string[]; assets: string[]; people: string[] };
};

export type AdvisoryChoices = {
  title: string;
  summary: string;
  lessons: string;
  publisherName: string;
  /** https URL identifying the publisher (CSAF `publisher.namespace`). */
  publisherNamespace: string;
  /** Where the organisation publishes the advisory; optional when ATLAS ids give references. */
  advisoryUrl: string | null;
  tlp: "WHITE" | "GREEN" | "AMBER";
};

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
/**
 * IPv6 candidates, compressed forms included (`fe80::1`, `2001:db8::1`, `::1`, with a zone
 * `%eth0` or an embedded IPv4 tail); `isIPv6` then decides, so times such as 10:30:00 stay.
 */
const IPV6_CANDIDATE = /(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{0,4})(?:%[\w.-]+)?(?![\w:]|\.\d)/gi;
/** Host names under suffixes reserved or commonly used for private networks (RFC 6762, 8375, ICANN's .internal). */
const PRIVATE_HOST = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:internal|local|localdomain|lan|corp|intranet|private|home\.arpa)\b/gi;

/** True for a well-formed IPv6 address (RFC 4291 text forms), without a zone suffix. */
function isIPv6(candidate: string): boolean {
  const address = candidate.replace(/%.*$/, "");
  if ((address.match(/::/g) ?? []).length > 1) return false;
  const tail = address.match(/(\d{1,3}(?:\.\d{1,3}){3})$/);
  const hex = tail ? address.slice(0, -tail[1]!.length) + "0:0" : address;
  const groups = hex.split(":");
  const compressed = hex.includes("::");
  const filled = groups.filter((g) => g !== "");
  if (!filled.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return compressed ? filled.length <= 7 : groups.length === 8;
}

/** The forms of a person's name that identify them: the whole name, each part of 3+ letters, "D. Svensson". */
function nameForms(name: string): string[] {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const forms = [name.trim(), ...parts.filter((p) => p.replace(/\W/g, "").length >= 3)];
  if (parts.length >= 2) forms.push(`${parts[0]![0]}. ${parts.slice(1).join(" ")}`);
  return forms;
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces e-mail addresses, IPv4 and IPv6 addresses (compressed forms too), host names under
 * private-network suffixes (.internal, .local, .corp, .lan, home.arpa …) and the given names
 * (longest first, case-insensitive, whole words; a person's name also by each part of three or
 * more letters and as "D. Svensson") with bracketed placeholders.
 */
export function redact(text: string, secrets: AdvisoryFacts["secrets"]): string {
  let out = text
    .replace(EMAIL, "[e-mail address]")
    .replace(IPV6_CANDIDATE, (m) => (isIPv6(m) ? "[IP address]" : m))
    .replace(IPV4, "[IP address]")
    .replace(PRIVATE_HOST, "[host name]");
  const words: [string, string][] = [
    ...secrets.systems.map((w): [string, string] => [w, "[affected system]"]),
    ...secrets.assets.map((w): [string, string] => [w, "[asset]"]),
    ...secrets.people.flatMap((w) => nameForms(w).map((form): [string, string] => [form, "[person]"])),
  ];
  for (const [word, placeholder] of words.filter(([w]) => w.trim().length >= 3).sort((a, b) => b[0].length - a[0].length)) {
    // Whole words only where the word starts/ends with a letter or digit ("Ann" must not eat "Annual").
    const w = word.trim();
    const start = /^\w/.test(w) ? "(?<![\\p{L}\\p{N}_])" : "";
    const end = /\w$/.test(w) ? "(?![\\p{L}\\p{N}_])" : "";
    out = out.replace(new RegExp(`${start}${escapeRegExp(w)}${end}`, "giu"), placeholder);
  }
  return out.trim();
}

const day = (d: Date) => `${d.toISOString().slice(0, 10)}T00:00:00.000Z`;

/**
 * Builds the CSAF 2.0 document. `now` is the release date (current and initial: each export is
 * version 1 of a new advisory whose id is the incident reference).
 */
export function buildAdvisory(facts: AdvisoryFacts, choices: AdvisoryChoices, now: Date, generator = { name: "AI Governance dashboard", version: "0.1.0" }) {
  const r = (t: string) => redact(t, facts.secrets);
  const ref = incidentRef(facts.number);
  const ids = [...facts.owaspLlm, ...facts.owaspAgentic, ...facts.atlas.map((a) => `${a} (ATLAS ${ATLAS_VERSION})`)];
  const classification = [
    `Category: ${CATEGORY_LABELS[facts.category]}.`,
    `Severity: ${SEVERITY_DEFINITIONS[facts.severity].label} on the publisher's SEV1-SEV4 scale.`,
    `Detected on ${facts.detectedAt.toISOString().slice(0, 10)}${facts.closedAt ? `, closed on ${facts.closedAt.toISOString().slice(0, 10)}` : ""}.`,
    ids.length ? `Mapped to: ${ids.join(", ")}.` : null,
  ]
    .filter(Boolean)
    .join(" ");
  const references = [
    ...(choices.advisoryUrl ? [{ category: "external", summary: "Advisory as published by the organisation", url: choices.advisoryUrl }] : []),
    ...facts.atlas.map((id) => ({ category: "external", summary: `MITRE ATLAS technique ${id}`, url: `https://atlas.mitre.org/techniques/${id}` })),
  ];
  const iso = now.toISOString();
  return {
    document: {
      category: "csaf_security_incident_response",
      csaf_version: "2.0",
      distribution: { tlp: { label: choices.tlp, url: "https://www.first.org/tlp/" } },
      lang: "en",
      notes: [
        { category: "summary", title: "What happened", text: r(choices.summary) },
        { category: "details", title: "Lessons learned", text: r(choices.lessons) },
        { category: "general", title: "Classification", text: classification },
      ],
      publisher: { category: "user", name: choices.publisherName.trim(), namespace: choices.publisherNamespace },
      references,
      title: r(choices.title),
      tracking: {
        current_release_date: iso,
        generator: { date: iso, engine: { name: generator.name, version: generator.version } },
        id: ref,
        initial_release_date: iso,
        revision_history: [{ date: iso, number: "1", summary: "Initial version." }],
        // An advisory about an incident that is still open can change: CSAF's "interim".
        status: facts.status === "CLOSED" ? "final" : "interim",
        version: "1",
      },
    },
  };
}
export type CsafAdvisory = ReturnType<typeof buildAdvisory>;
export { day as csafDay };
