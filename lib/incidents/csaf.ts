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
const IPV6 = /\b(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\b/gi;

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replaces e-mail addresses, IP addresses and the given names (longest first, case-insensitive)
 * with bracketed placeholders.
 */
export function redact(text: string, secrets: AdvisoryFacts["secrets"]): string {
  let out = text.replace(EMAIL, "[e-mail address]").replace(IPV6, "[IP address]").replace(IPV4, "[IP address]");
  const words: [string, string][] = [
    ...secrets.systems.map((w): [string, string] => [w, "[affected system]"]),
    ...secrets.assets.map((w): [string, string] => [w, "[asset]"]),
    ...secrets.people.map((w): [string, string] => [w, "[person]"]),
  ];
  for (const [word, placeholder] of words.filter(([w]) => w.trim().length >= 3).sort((a, b) => b[0].length - a[0].length)) {
    out = out.replace(new RegExp(escapeRegExp(word.trim()), "gi"), placeholder);
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
        status: "final",
        version: "1",
      },
    },
  };
}
export type CsafAdvisory = ReturnType<typeof buildAdvisory>;
export { day as csafDay };
