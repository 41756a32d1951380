import { label, lowerLabel } from "@/components/labels";
import { formatDate } from "@/lib/dates";
import { formatBytes } from "@/lib/format-bytes";
import type { AuditAction } from "@/lib/audit/action-names";
import type { EventRefs } from "@/lib/audit/event-refs";
import type { NotificationKind } from "@/lib/notifications/events";
import { incidentRef, PARTY_LABELS, SEVERITY_DEFINITIONS, STATUS_LABELS as INCIDENT_STATUS_LABELS } from "@/lib/incidents/catalog";
import type { AuditRow } from "@/lib/audit/queries";

/**
 * Audit events told as sentences: "Rita Reviewer marked DES-1.2 Threat model as Met on Chat
 * assistant". One renderer for the audit log, the system History tab, the home page's
 * "Changes since" (auditors) and task lists, and the CSV export. Every action in lib/audit/action-names.ts needs an entry in
 * SENTENCES (test/audit-sentences.test.ts fails otherwise): a feature adding an action adds
 * its sentence here. Unknown actions (older events) fall back to "<person> recorded <action>".
 */

/** A piece of a sentence: plain text, or a named thing (optionally a link, optionally a code). */
export type SentencePart = string | { text: string; href?: string; code?: boolean };

/** An event's sentence: its parts (for rendering with links) and its plain text (for exports). */
export type EventSentence = { parts: SentencePart[]; text: string };

export type SentenceOptions = {
  /** Link people to the audit log filtered by them (only for those who may read the audit log). */
  linkPeople?: boolean;
};

type Ctx = {
  row: AuditRow;
  s: Record<string, unknown>;
  refs: EventRefs;
  who: SentencePart;
  /** The system as a link to `tab` (overview when omitted), or "a system" when unknown. */
  system: (tab?: string) => SentencePart;
  /** The checklist item: code (as code) and control title, linking to the item. */
  item: () => SentencePart[];
  str: (key: string) => string | null;
  num: (key: string) => number | null;
  /** The user named by id (or the email recorded in the summary). */
  person: (id: string | null | undefined, fallbackEmail?: unknown) => SentencePart;
};

type Sentence = (c: Ctx) => SentencePart[];

const FIELD_NAMES: Record<string, string> = {
  name: "name",
  slug: "short ID",
  purpose: "purpose",
  riskTier: "risk tier",
  dataSensitivity: "data sensitivity",
  autonomy: "autonomy",
  exposure: "exposure",
  lifecycle: "lifecycle",
  nextReviewDue: "next review date",
  ownerId: "owner",
  contributorIds: "contributors",
  status: "status",
  dueDate: "due date",
  notes: "note",
  justification: "justification",
  kind: "kind",
  version: "version",
  sha256: "SHA-256",
  otherDigests: "other digests",
  capabilities: "capabilities",
  credentialModel: "credential model",
  provider: "provider",
  source: "source",
  likelihood: "likelihood",
  impact: "impact",
  title: "title",
  description: "description",
  controls: "mitigating controls",
  role: "role",
};

/** Checklist statuses not among the shared labels (components/labels.ts). */
const STATUS_WORDS: Record<string, string> = { MET: "Met", NOT_MET: "Not met", NOT_APPLICABLE: "Not applicable" };

const SIGN_IN_METHODS: Record<string, string> = { password: "with a password", oidc: "with single sign-on" };
const FAILURE_REASONS: Record<string, string> = {
  unknown_account: "no such account",
  wrong_password: "wrong password",
  disabled: "account disabled",
  wrong_current_password: "wrong current password",
};

function fieldName(key: string) {
  return FIELD_NAMES[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** "a", "a and b", "a, b and c". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function changesOf(s: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const c = s.changes;
  return c && typeof c === "object" && !Array.isArray(c) ? (c as Record<string, { from: unknown; to: unknown }>) : {};
}

function valueWord(v: unknown): string {
  if (v === null || v === undefined || v === "") return "nothing";
  if (typeof v === "string") return STATUS_WORDS[v] ?? label(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length ? v.map(valueWord).join(", ") : "none";
  return "a new value";
}

/** "the risk tier and exposure" for a changes map (fields in words). */
function changedFields(s: Record<string, unknown>, skip: string[] = []): string {
  const keys = Object.keys(changesOf(s)).filter((k) => !skip.includes(k));
  return keys.length ? `the ${listWords(keys.map(fieldName))}` : "nothing";
}

/**
 * " from Unassigned to Grace Whitfield" for an owner change that recorded the names
 * (`fromName`/`toName`, written by bulk changes), " from none to 2027-01-31" for a due date
 * change; null when the event did not record enough to say it.
 */
function ownerOrDueFromTo(field: string, change: { from: unknown; to: unknown; fromName?: unknown; toName?: unknown }): string | null {
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  if (field === "ownerId") {
    const name = (id: unknown, n: unknown) => (id === null || id === undefined || id === "" ? "Unassigned" : text(n));
    const from = name(change.from, change.fromName);
    const to = name(change.to, change.toName);
    return from && to ? ` from ${from} to ${to}` : null;
  }
  if (field === "dueDate") return ` from ${text(change.from) ?? "none"} to ${text(change.to) ?? "none"}`;
  return null;
}

function quoted(text: string | null): string {
  return text ? `“${text}”` : "";
}

export const SENTENCES: { readonly [A in AuditAction]?: Sentence } = {
  // Sign-in and accounts
  "auth.sign_in": (c) => [c.who, ` signed in ${SIGN_IN_METHODS[c.str("method") ?? ""] ?? ""}`.trimEnd()],
  "auth.sign_in_failed": (c) => [
    "A sign-in as ",
    c.str("email") ?? "an unknown account",
    ` was refused (${FAILURE_REASONS[c.str("reason") ?? ""] ?? c.str("reason") ?? "no reason recorded"})`,
  ],
  "auth.sign_out": (c) => [c.who, " signed out"],
  "user.created": (c) => [c.who, " created the account ", c.person(c.row.entityId, c.s.email), ` with the role ${label(c.str("role"))}`],
  "user.created_by_sso": (c) => [c.person(c.row.entityId, c.s.email), ` signed in with single sign-on for the first time (role: ${c.str("role") ? label(c.str("role")) : "none until an admin assigns one"})`],
  "user.sso_linked": (c) => ["The account ", c.person(c.row.entityId, c.s.email), " was linked to single sign-on"],
  "user.role_changed": (c) => {
    const role = changesOf(c.s).role;
    return [c.who, " changed the role of ", c.person(c.row.entityId, c.s.email), ` from ${valueWord(role?.from)} to ${valueWord(role?.to)}`];
  },
  "user.disabled": (c) => [c.who, " disabled the account of ", c.person(c.row.entityId, c.s.email)],
  "user.enabled": (c) => [c.who, " re-enabled the account of ", c.person(c.row.entityId, c.s.email)],
  "user.password_changed": (c) => [c.who, " changed their password"],
  "user.password_reset": (c) => [c.who, " issued a temporary password to ", c.person(c.row.entityId, c.s.email)],
  "user.notification_preferences_changed": (c) => {
    const on = notificationKindWords(c.s.emailOn);
    const off = notificationKindWords(c.s.emailOff);
    const changes = [on.length ? `switched on email about ${listWords(on)}` : "", off.length ? `switched off email about ${listWords(off)}` : ""].filter(Boolean);
    return [c.who, changes.length ? ` ${changes.join(", and ")}` : " changed which notifications are emailed to them"];
  },
  // API tokens
  "token.created": (c) => [c.who, ` created the API token ${quoted(c.str("name"))}`, Array.isArray(c.s.scopes) ? ` (${(c.s.scopes as unknown[]).join(", ")})` : ""],
  "token.revoked": (c) => [c.who, ` revoked the API token ${quoted(c.str("name"))}`],
  "token.denied": (c) => [`The API token ${quoted(c.str("token"))} of `, c.who, ` was refused: ${c.str("reason") ?? "no reason recorded"}`],
  // Outgoing webhooks (the URL is recorded without its query string: lib/webhooks auditUrl)
  "webhook.created": (c) => [c.who, ` created the webhook ${quoted(c.str("name"))}`, c.str("url") ? ` to ${c.str("url")}` : "", Array.isArray(c.s.kinds) ? ` for ${plural((c.s.kinds as unknown[]).length, "kind of event", "kinds of event")}` : "", c.s.enabled === false ? ", switched off" : ""],
  "webhook.updated": (c) => {
    const changed = Array.isArray(c.s.changed) ? (c.s.changed as string[]) : [];
    const words = changed.filter((k) => k !== "enabled").map((k) => (k === "kinds" ? "events" : k === "url" ? "address" : k));
    const state = changed.includes("enabled") ? (c.s.enabled === false ? "switched it off" : "switched it on") : "";
    return [c.who, words.length ? ` changed the ${listWords(words)} of the webhook ${quoted(c.str("name"))}` : ` changed the webhook ${quoted(c.str("name"))}`, state ? (words.length ? ` and ${state}` : `: ${state}`) : ""];
  },
  "webhook.deleted": (c) => [c.who, ` deleted the webhook ${quoted(c.str("name"))}`, typeof c.s.deliveries === "number" ? ` and its ${plural(c.s.deliveries, "delivery", "deliveries")} in the log` : ""],
  "webhook.secret_rotated": (c) => [c.who, ` replaced the signing secret of the webhook ${quoted(c.str("name"))}`],
  "webhook.test_sent": (c) => [c.who, ` sent a test delivery to the webhook ${quoted(c.str("name"))}`],
  // Inventory
  "system.created": (c) => [c.who, " registered ", c.system(), c.str("riskTier") ? ` (${label(c.str("riskTier"))} risk)` : ""],
  "system.updated": (c) => {
    const changes = changesOf(c.s);
    const lifecycle = changes.lifecycle;
    const others = changedFields(c.s, ["lifecycle"]);
    const parts: SentencePart[] = [c.who];
    if (lifecycle) parts.push(` moved `, c.system(), ` from ${valueWord(lifecycle.from)} to ${valueWord(lifecycle.to)}`);
    if (lifecycle && others !== "nothing") parts.push(` and changed ${others}`);
    if (!lifecycle) parts.push(` changed ${others} of `, c.system());
    return parts;
  },
  "system.archived": (c) => [c.who, " archived ", c.system()],
  "system.restored": (c) => [c.who, " restored ", c.system(), " from the archive"],
  "asset.created": (c) => [c.who, ` added the ${lowerLabel(label(c.str("kind")))} `, { text: c.str("name") ?? "asset", href: c.row.entityId && systemHref(c, "assets") }, " to ", c.system("assets")],
  "asset.updated": (c) => [c.who, ` changed ${changedFields(c.s)} of the ${lowerLabel(label(c.str("kind")))} `, { text: c.str("name") ?? "asset", href: systemHref(c, "assets") }, " on ", c.system("assets")],
  "asset.deleted": (c) => [c.who, ` removed the ${lowerLabel(label(c.str("kind")))} ${quoted(c.str("name"))} from `, c.system("assets")],
  "asset.imported": (c) => [c.who, ` imported ${plural(c.num("count") ?? 0, "asset")}${c.str("source") ? ` from ${c.str("source")}` : ""} into `, c.system("assets")],
  "inventory.exported": (c) =>
    c.str("systemId")
      ? [c.who, ` exported the assets of `, c.system("assets"), ` as CSV (${plural(c.num("rows") ?? 0, "row")})`]
      : [c.who, ` exported the inventory of ${plural(c.num("systems") ?? 0, "system")} as CSV (${plural(c.num("rows") ?? 0, "row")})`],
  // Control library
  "library.published": (c) => [
    c.who,
    " published control library version ",
    { text: c.str("version") ?? "?", href: "/admin/library", code: true },
    ` (${c.num("added") ?? 0} added, ${c.num("retired") ?? 0} retired, ${c.num("changed") ?? 0} changed)`,
  ],
  "library.seeded": (c) => [c.who, " installed control library version ", { text: c.str("version") ?? "?", href: "/library", code: true }],
  "library.downloaded": (c) => [c.who, " downloaded control library version ", { text: c.str("version") ?? "?", href: "/library", code: true }],
  // Checklists and evidence
  "checklist.created": (c) => [c.who, " created the checklist of ", c.system("checklist"), c.num("applicable") !== null ? ` (${c.num("applicable")} of ${plural(c.num("controls") ?? 0, "control")} apply)` : ""],
  "checklist.item_updated": (c) => {
    if (c.s.source === "demo-seed") return demoSeedSentence(c);
    const changes = changesOf(c.s);
    const status = changes.status;
    const others = changedFields(c.s, ["status"]);
    const parts: SentencePart[] = [c.who];
    const keys = Object.keys(changes);
    // One owner or due date change says from what to what (names as recorded at write time).
    const fromTo = !status && keys.length === 1 ? ownerOrDueFromTo(keys[0]!, changes[keys[0]!]!) : null;
    if (status) parts.push(" marked ", ...c.item(), ` as ${valueWord(status.to)}`);
    else parts.push(` changed ${others} of `, ...c.item(), ...(fromTo ? [fromTo] : []));
    parts.push(" on ", c.system("checklist"));
    if (status && others !== "nothing") parts.push(` and changed ${others}`);
    const bulkCount = c.num("bulkCount");
    if (bulkCount !== null && bulkCount > 1) parts.push(` (one of ${bulkCount} items changed at once)`);
    else if (c.s.bulk === true && bulkCount === null) parts.push(" (in a bulk change)");
    return parts;
  },
  "checklist.evidence_linked": (c) => [c.who, ` attached the evidence ${quoted(c.str("title"))} to `, ...c.item(), " on ", c.system("checklist")],
  "checklist.review_requested": (c) => [c.who, " submitted ", ...c.item(), " on ", c.system("checklist"), " for a security reviewer’s decision"],
  "checklist.evidence_unlinked": (c) => [c.who, " detached a piece of evidence from ", ...c.item(), " on ", c.system("checklist")],
  "checklist.recomputed": (c) => {
    const now = Array.isArray(c.s.nowApply) ? (c.s.nowApply as string[]) : [];
    const no = Array.isArray(c.s.noLongerApply) ? (c.s.noLongerApply as string[]) : [];
    return [c.who, "’s change to ", c.system("checklist"), ` changed which controls apply: ${now.length ? `${now.join(", ")} now ${now.length === 1 ? "applies" : "apply"}` : "none added"}; ${no.length ? `${no.join(", ")} no longer ${no.length === 1 ? "applies" : "apply"}` : "none removed"}`];
  },
  "checklist.upgraded": (c) => [c.who, " moved the checklist of ", c.system("checklist"), ` from library version ${c.str("from") ?? "?"} to ${c.str("to") ?? "?"}`],
  "evidence.added": (c) => [c.who, ` added the ${c.str("kind") === "LINK" ? "link" : c.str("kind") === "NOTE" ? "note" : "file"} ${quoted(c.str("title"))} as evidence to `, c.system("evidence")],
  "evidence.deleted": (c) => [c.who, ` deleted the evidence ${quoted(c.str("title"))} from `, c.system("evidence"), c.str("reason") ? `: ${c.str("reason")}` : ""],
  "evidence.downloaded": (c) => [c.who, ` downloaded the evidence file ${quoted(c.str("fileName") ?? c.str("title"))} of `, c.system("evidence")],
  // Threat models
  "threat_model.draft_started": (c) => [c.who, ` started draft version ${c.num("version") ?? "?"} of the threat model of `, c.system("threat-model")],
  "threat_model.updated": (c) => [c.who, ` edited the scope and assumptions of threat model version ${c.num("version") ?? "?"} of `, c.system("threat-model")],
  "threat_model.flow_added": (c) => [c.who, ` added the data flow ${c.str("source") ?? "?"} → ${c.str("target") ?? "?"} to the threat model of `, c.system("threat-model")],
  "threat_model.flow_updated": (c) => [c.who, ` changed the data flow ${c.str("source") ?? "?"} → ${c.str("target") ?? "?"} in the threat model of `, c.system("threat-model")],
  "threat_model.flow_deleted": (c) => [c.who, ` removed the data flow ${c.str("source") ?? "?"} → ${c.str("target") ?? "?"} from the threat model of `, c.system("threat-model")],
  "threat_model.suggestion_dismissed": (c) => [c.who, ` dismissed the suggested threat ${c.str("libraryRef") ?? ""} for `, c.system("threat-model")],
  "threat_model.suggestion_restored": (c) => [c.who, ` restored the suggested threat ${c.str("libraryRef") ?? ""} for `, c.system("threat-model")],
  "threat_model.submitted": (c) => [c.who, ` submitted threat model version ${c.num("version") ?? "?"} of `, c.system("threat-model"), " for review"],
  "threat_model.returned": (c) => [c.who, ` returned threat model version ${c.num("version") ?? "?"} of `, c.system("threat-model"), " to its authors for changes"],
  "threat_model.reviewed": (c) => [c.who, ` approved threat model version ${c.num("version") ?? "?"} of `, c.system("threat-model")],
  "threat_model.superseded": (c) => [`Threat model version ${c.num("version") ?? "?"} of `, c.system("threat-model"), ` was replaced by version ${c.num("supersededBy") ?? "?"} (approved by `, c.who, ")"],
  "threat_model.discarded": (c) => [c.who, ` discarded draft version ${c.num("version") ?? "?"} of the threat model of `, c.system("threat-model")],
  "threat_model.imported": (c) => [c.who, ` imported a threat model${c.str("source") ? ` from ${c.str("source")}` : ""} as version ${c.num("version") ?? "?"} of `, c.system("threat-model")],
  "threat_model.exported": (c) => [c.who, ` exported threat model version ${c.num("version") ?? "?"} of `, c.system("threat-model")],
  "threat.added": (c) => [c.who, ` added the threat ${quoted(c.str("title")) || c.str("libraryRef") || ""} to the threat model of `, c.system("threat-model")],
  "threat.updated": (c) => [c.who, ` changed ${changedFields(c.s)} of a threat in the threat model of `, c.system("threat-model")],
  "threat.removed": (c) => [c.who, ` removed the threat ${quoted(c.str("title"))} from the threat model of `, c.system("threat-model")],
  "threat.risk_accepted": (c) => [c.who, ` accepted the risk of ${quoted(c.str("title"))} on `, c.system("threat-model"), c.str("expiresOn") ? ` until ${c.str("expiresOn")}` : ""],
  // Instance signing key
  "signing_key.created": (c) => [c.who, " created the instance signing key ", { text: c.str("fingerprint") ?? "?", code: true }],
  "signing_key.rotated": (c) => [
    c.who,
    " rotated the instance signing key: the new key is ",
    { text: c.str("fingerprint") ?? "?", code: true },
    c.str("retiredFingerprint") ? " and " : "",
    c.str("retiredFingerprint") ? { text: c.str("retiredFingerprint")!, code: true } : "",
    c.str("retiredFingerprint") ? " is retired" : "",
  ],
  // Deployment gate
  "gate.checks_recorded": (c) => [`The deployment gate answered ${plural(c.num("count") ?? 0, "check")} (${c.num("allows") ?? 0} allowed, ${c.num("denies") ?? 0} denied)`],
  // Incidents
  "incident.reported": (c) => [c.who, " reported the incident ", incident(c), severityWord(c.s.severity)],
  "incident.updated": (c) => [c.who, ` changed ${incidentFields(c.s)} of the incident `, incident(c), ...severityChange(c.s, "lowered")],
  "incident.escalated": (c) => {
    const others = incidentFields({ changed: Array.isArray(c.s.changed) ? c.s.changed.filter((k) => k !== "severity") : [] });
    return [c.who, " escalated the incident ", incident(c), ...severityChange(c.s, "raised"), others !== "the details" ? ` and changed ${others}` : ""];
  },
  "incident.entry_added": (c) => [c.who, ` added ${c.str("kind") === "ACTION" ? "an action taken" : "a note"} to the timeline of the incident `, incident(c)],
  "incident.status_changed": (c) => [c.who, " moved the incident ", incident(c), c.str("to") ? ` to ${incidentStatusWord(c.s.to)}` : " to a new status"],
  "incident.reopened": (c) => [c.who, " reopened the incident ", incident(c), c.str("from") ? ` (it was ${incidentStatusWord(c.s.from).toLowerCase()})` : ""],
  "incident.system_paused": (c) => [c.who, " paused ", c.system("incidents"), " because of the incident ", incident(c)],
  "incident.system_resumed": (c) => [c.who, " resumed ", c.system("incidents"), " after the incident ", incident(c)],
  "incident.notification_done": (c) => [c.who, ` recorded the notification of ${partyWord(c.s.party, "a party")} as sent for the incident `, incident(c), c.s.late === true ? " (after the deadline)" : ""],
  "incident.notification_added": (c) => [c.who, ` added a duty to notify ${partyWord(c.s.party, "a party")}${c.num("hours") !== null ? ` within ${plural(c.num("hours")!, "hour")}` : ""} to the incident `, incident(c)],
  "incident.follow_up_opened": (c) => [c.who, " opened a follow-up for the incident ", incident(c)],
  "incident.advisory_exported": (c) => [c.who, " exported a security advisory for the incident ", incident(c)],
  "incidents.exported": (c) => [c.who, ` exported ${plural(c.num("rows") ?? 0, "incident")} as CSV`],
  "system.retirement_signed": (c) => [c.who, " signed off the retirement of ", c.system()],
  // Exports
  "export.requested": (c) => [c.who, " asked for a signed ", { text: "evidence pack", href: "/exports" }, " of ", ...packScope(c), ...packPeriod(c)],
  "export.pack_created": (c) => [c.who, " created a signed evidence pack of ", ...packScope(c), c.num("files") !== null ? ` (${plural(c.num("files")!, "file")})` : ""],
  "export.downloaded": (c) => [c.who, " downloaded a signed ", { text: "evidence pack", href: "/exports" }, c.num("bytes") !== null ? ` (${formatBytes(c.num("bytes")!)})` : ""],
  "export.list_exported": (c) => {
    const table = c.str("table") ?? "";
    const systems = c.num("systems");
    if (table === "systems") return [c.who, ` exported the list of ${systems !== null ? plural(systems, "AI system") : "AI systems"} as CSV`];
    const scope: SentencePart[] = table === "audit-log" ? [] : c.str("systemId") ? [" of ", c.system()] : systems !== null ? [` of ${plural(systems, "system")}`] : [];
    return [c.who, ` exported the list of ${LIST_WORDS[table] ?? "records"}`, ...scope, " as CSV"];
  },
  // Audit log
  "audit.exported": (c) => [c.who, ` exported ${plural(c.num("rows") ?? 0, "audit event")} as CSV`, c.s.truncated === true ? " (cut at the export limit)" : ""],
  // Instance settings
  "settings.updated": (c) => [c.who, ` changed the setting ${c.row.entityId.replace(/[._-]/g, " ")} from ${settingWord(c.s.from)} to ${settingWord(c.s.to)}`],
  // Jobs
  "job.completed": (c) => ["The background job ", { text: c.str("job") ?? c.row.actorRef ?? c.row.entityId, code: true }, " finished"],
  "job.failed": (c) => [
    "The background job ",
    { text: c.str("job") ?? c.row.actorRef ?? c.row.entityId, code: true },
    ` failed${c.num("attempts") !== null ? ` after ${plural(c.num("attempts")!, "attempt")}` : ""}`,
    c.str("error") ? `: ${c.str("error")}` : "",
  ],
  // System lifecycle and periodic reviews
  "system.lifecycle_changed": (c) => [
    c.who,
    " moved ",
    c.system(),
    c.str("from") && c.str("to") ? ` from ${valueWord(c.s.from)} to ${valueWord(c.s.to)}` : " to a new lifecycle stage",
    ...lifecycleCause(c),
  ],
  "system.reviewed": (c) => {
    const findings = Array.isArray(c.s.findings) ? c.s.findings.filter((f): f is string => typeof f === "string") : [];
    return [
      c.who,
      " recorded a periodic review of ",
      c.system(),
      c.str("outcome") ? ` (${REVIEW_OUTCOME_WORDS[c.str("outcome")!] ?? valueWord(c.s.outcome)})` : "",
      findings.length ? `; ${findings.length === 1 ? "a finding reopened" : `${findings.length} findings reopened`} ${listWords(findings)}` : "",
      c.str("nextReviewDue") ? `; next review due ${c.str("nextReviewDue")}` : "",
    ];
  },
  "system.review_rescheduled": (c) => [
    "The next review of ",
    c.system(),
    ` was brought forward to ${c.str("to") ?? "an earlier date"}`,
    c.str("from") ? ` (it was ${c.str("from")})` : "",
    " after a change by ",
    c.who,
    c.str("reason") ? `: ${c.str("reason")!.replace(/\.$/, "")}` : "",
  ],
  // Deployment approvals
  "approval.opened": (c) => [c.who, " started an approval request for ", approval(c), " of ", c.system("approvals"), ...environmentWords(c)],
  "approval.submitted": (c) => [
    c.who,
    " submitted ",
    approval(c),
    " of ",
    c.system("approvals"),
    ...environmentWords(c),
    " for approval",
    gateWords(c),
  ],
  "approval.withdrawn": (c) => [c.who, " withdrew the approval request for ", approval(c), " of ", c.system("approvals"), ...environmentWords(c)],
  "approval.decided": (c) => [
    c.who,
    ` ${DECISION_WORDS[c.str("outcome") ?? ""] ?? "decided on"} `,
    approval(c),
    " of ",
    c.system("approvals"),
    ...environmentWords(c),
    c.str("outcome") === "APPROVE" && c.num("approvals") !== null && c.num("approvalsRequired") !== null ? ` (${c.num("approvals")} of ${plural(c.num("approvalsRequired")!, "approval")} needed)` : "",
    c.str("comment") ? `: ${quoted(c.str("comment"))}` : "",
  ],
  "approval.approved": (c) => [
    approval(c, true),
    " of ",
    c.system("approvals"),
    ` was approved${c.str("environment") || approvalRef(c) ? ` for ${environmentName(c)}` : ""}`,
    c.str("expiresAt") ? ` until ${formatDate(c.str("expiresAt"))}` : "",
    c.s.withException === true ? " with an exception" : "",
    " (last decision by ",
    c.who,
    ")",
  ],
  "approval.exception_granted": (c) => {
    const failing = Array.isArray(c.s.failingRules) ? c.s.failingRules.length : 0;
    return [
      c.who,
      " granted an exception for ",
      approval(c),
      " of ",
      c.system("approvals"),
      ...environmentWords(c),
      failing ? ` (${plural(failing, "failing gate rule")})` : "",
      c.str("expiresOn") ? ` until ${c.str("expiresOn")}` : "",
      c.str("rationale") ? `: ${quoted(c.str("rationale"))}` : "",
    ];
  },
  "approval.revoked": (c) => [c.who, " revoked the approval of ", approval(c), " of ", c.system("approvals"), ...environmentWords(c), c.str("reason") ? `: ${quoted(c.str("reason"))}` : ""],
  "approval.expired": (c) => ["The approval of ", approval(c), " of ", c.system("approvals"), ...environmentWords(c), " expired", c.str("expiresAt") ? ` on ${formatDate(c.str("expiresAt"))}` : ""],
  "approval.stale": (c) => {
    const reasons = Array.isArray(c.s.reasons) ? c.s.reasons.filter((r): r is string => typeof r === "string") : [];
    return [
      "The approval request for ",
      approval(c),
      " of ",
      c.system("approvals"),
      ...environmentWords(c),
      " went stale after a change by ",
      c.who,
      reasons.length ? `: ${reasons.map((r) => r.replace(/\.$/, "")).join("; ")}` : "",
    ];
  },
  "approval_policy.updated": (c) => {
    const policy = (v: unknown) => {
      const p = v && typeof v === "object" ? (v as Record<string, unknown>) : {};
      return typeof p.approvalsRequired === "number" && typeof p.validityDays === "number" ? `${plural(p.approvalsRequired, "approval")}, valid ${plural(p.validityDays, "day")}` : null;
    };
    const to = policy(c.s.to);
    const from = policy(c.s.from);
    return [c.who, ` changed the approval policy for ${label(c.row.entityId).toLowerCase()} risk systems`, to ? ` to ${to}` : "", from ? ` (was ${from})` : ""];
  },
  "environment.added": (c) => [c.who, c.s.restored === true ? " restored" : " added", ` the deployment environment ${quoted(c.str("label")) || c.row.entityId}`, c.str("label") ? ` (${c.row.entityId})` : ""],
  "environment.archived": (c) => [c.who, ` archived the deployment environment ${quoted(c.str("label")) || c.row.entityId}`],
};

const REVIEW_OUTCOME_WORDS: Record<string, string> = { SATISFACTORY: "satisfactory", NEEDS_ACTION: "needs action", UNSATISFACTORY: "unsatisfactory" };
const DECISION_WORDS: Record<string, string> = { APPROVE: "approved", REJECT: "rejected", REQUEST_CHANGES: "asked for changes to" };
const CAUSE_WORDS: Record<string, string> = {
  approval: "an approval",
  deployment: "a deployment",
  gate: "the deployment gate",
  incident: "an incident",
  decommission: "decommissioning",
  "demo-seed": "the demo data",
};

/** " (through an approval): reason" for a lifecycle change, linking the approval or incident behind it. */
/**
 * The demo data's one event per system (lib/home/demo.ts, `source: "demo-seed"`, recorded as
 * checklist.item_updated on the system with counts and no changes): "The demo data filled in the
 * checklist of X (12 items met, 3 not applicable, …)" instead of "changed nothing of a control".
 */
function demoSeedSentence(c: Ctx): SentencePart[] {
  const counts = [
    [c.num("met"), "met"],
    [c.num("notApplicable"), "not applicable"],
    [c.num("waitingForReviewer"), "waiting for a reviewer"],
    [c.num("assigned"), "assigned with a due date"],
  ] as const;
  const said = counts.filter(([n]) => n !== null).map(([n, words], i) => (i === 0 ? `${plural(n ?? 0, "item")} ${words}` : `${n} ${words}`));
  return ["The demo data filled in the checklist of ", c.system("checklist"), said.length ? ` (${said.join(", ")})` : ""];
}

function lifecycleCause(c: Ctx): SentencePart[] {
  const cause = c.s.cause && typeof c.s.cause === "object" ? (c.s.cause as Record<string, unknown>) : {};
  const kind = typeof cause.kind === "string" ? cause.kind : null;
  const id = typeof cause.id === "string" ? cause.id : null;
  const parts: SentencePart[] = [];
  if (kind && CAUSE_WORDS[kind]) {
    const href = id && kind === "approval" ? `/approvals/${id}` : id && kind === "incident" ? `/incidents/${id}` : undefined;
    parts.push(" (through ", href ? { text: CAUSE_WORDS[kind], href } : CAUSE_WORDS[kind], ")");
  }
  if (c.str("reason")) parts.push(`: ${c.str("reason")!.replace(/\.$/, "")}`);
  return parts;
}

function approvalRef(c: Ctx) {
  return c.row.entityType === "ApprovalRequest" ? c.refs.approvals?.[c.row.entityId] : undefined;
}

/** The release an approval event is about ("release v1.2.0"), linking to the request's page. */
function approval(c: Ctx, capital = false): SentencePart {
  const release = approvalRef(c)?.releaseLabel ?? c.str("releaseLabel");
  const text = release ? `${capital ? "Release" : "release"} ${release}` : capital ? "A release" : "a release";
  return c.row.entityType === "ApprovalRequest" ? { text, href: `/approvals/${c.row.entityId}` } : text;
}

/** The deployment environment's name (its label when loaded, else the key the event recorded). */
function environmentName(c: Ctx): string {
  return approvalRef(c)?.environment ?? c.str("environment") ?? "an environment";
}

/** " to Production" (or nothing when the event recorded no environment). */
function environmentWords(c: Ctx): SentencePart[] {
  return approvalRef(c) || c.str("environment") ? [` to ${environmentName(c)}`] : [];
}

/** " (the gate passed)" / " (2 gate rules failed: it needs an exception)" for a submission. */
function gateWords(c: Ctx): string {
  if (c.s.gatePassed === true) return " (the gate passed)";
  if (c.s.gatePassed !== false) return "";
  const failing = Array.isArray(c.s.failingRules) ? c.s.failingRules.length : 0;
  return ` (${failing ? `${plural(failing, "gate rule")} failed` : "the gate failed"}: it needs an exception)`;
}

/** A setting's value in words: objects as "Critical 90, High 180" (keys as labels), others as {@link valueWord}. */
function settingWord(v: unknown): string {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    return entries.length ? entries.map(([k, x]) => `${label(k)} ${valueWord(x)}`).join(", ") : "nothing";
  }
  return valueWord(v);
}

/** The incident an event is about ("INC-0042 Prompt injection via …"), linking to its page. */
function incident(c: Ctx): SentencePart {
  const id = c.row.entityType === "Incident" ? c.row.entityId : typeof c.s.incidentId === "string" ? c.s.incidentId : null;
  const known = id ? c.refs.incidents?.[id] : undefined;
  const number = known?.number ?? c.num("number");
  const title = known?.title ?? c.str("title");
  const text = [number !== null ? incidentRef(number) : null, title ? quoted(title) : null].filter(Boolean).join(" ") || "(no longer on record)";
  return id && id !== "*" ? { text, href: `/incidents/${id}` } : text;
}

const INCIDENT_FIELDS: Record<string, string> = { systems: "affected systems", assets: "affected assets", detectedAt: "detection time" };

/** "the severity and affected systems" from an incident update's `changed` list. */
function incidentFields(s: Record<string, unknown>): string {
  const changed = Array.isArray(s.changed) ? s.changed.filter((k): k is string => typeof k === "string") : [];
  return changed.length ? `the ${listWords(changed.map((k) => INCIDENT_FIELDS[k] ?? fieldName(k)))}` : "the details";
}

function incidentStatusWord(v: unknown): string {
  return typeof v === "string" && v in INCIDENT_STATUS_LABELS ? INCIDENT_STATUS_LABELS[v as keyof typeof INCIDENT_STATUS_LABELS] : valueWord(v);
}

function severityWord(v: unknown): string {
  return typeof v === "string" && v in SEVERITY_DEFINITIONS ? ` (${SEVERITY_DEFINITIONS[v as keyof typeof SEVERITY_DEFINITIONS].label})` : "";
}

/** " (severity lowered from SEV1 to SEV3)" when the summary records a severity change, else nothing. */
function severityChange(s: Record<string, unknown>, verb: "raised" | "lowered"): string[] {
  const sev = s.severity && typeof s.severity === "object" && !Array.isArray(s.severity) ? (s.severity as { from?: unknown; to?: unknown }) : null;
  const from = typeof sev?.from === "string" && sev.from in SEVERITY_DEFINITIONS ? sev.from : null;
  const to = typeof sev?.to === "string" && sev.to in SEVERITY_DEFINITIONS ? sev.to : null;
  if (!from || !to || from === to) return [];
  return [` (severity ${verb} from ${from} to ${SEVERITY_DEFINITIONS[to as keyof typeof SEVERITY_DEFINITIONS].label})`];
}

/** Notification kinds (lib/notifications/events.ts) in words, as in "email about assigned checklist items". */
const NOTIFICATION_KIND_WORDS: Record<NotificationKind, string> = {
  "item.assigned": "checklist items assigned to them",
  "item.review_requested": "items waiting for a reviewer",
  "evidence.expiring": "evidence about to expire",
  "acceptance.expiring": "risk acceptances about to expire",
  "review.due": "periodic reviews due",
  "approval.requested": "approval requests",
  "approval.decided": "decisions on their approval requests",
  "approval.expiring": "approvals about to expire",
  "approval.stale": "approval requests waiting too long",
  "incident.reported": "reported incidents",
  "incident.escalated": "escalated incidents",
  "gate.denied": "production deployments the gate denied",
};

function notificationKindWords(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((k): k is string => typeof k === "string").map((k) => NOTIFICATION_KIND_WORDS[k as NotificationKind] ?? k.replace(/[._]/g, " ")) : [];
}

function partyWord(v: unknown, fallback: string): string {
  return typeof v === "string" && v in PARTY_LABELS ? PARTY_LABELS[v as keyof typeof PARTY_LABELS].toLowerCase() : fallback;
}

/** What an evidence pack covered: one system (linked), several, or the whole organisation. */
/** The lists of lib/exports/list-csv.ts in words. */
const LIST_WORDS: Record<string, string> = {
  assets: "assets",
  "checklist-items": "checklist items",
  evidence: "evidence",
  threats: "threats",
  "audit-log": "audit events",
};

/** " covering 2026-01-01 to 2026-06-30" for a pack's period (nothing when it has none). */
function packPeriod(c: Ctx): string[] {
  const scope = c.s.scope && typeof c.s.scope === "object" ? (c.s.scope as Record<string, unknown>) : {};
  const from = typeof scope.from === "string" ? scope.from : null;
  const to = typeof scope.to === "string" ? scope.to : null;
  return from || to ? [` covering ${from ?? "the start"} to ${to ?? "today"}`] : [];
}

function packScope(c: Ctx): SentencePart[] {
  const scope = c.s.scope && typeof c.s.scope === "object" ? (c.s.scope as Record<string, unknown>) : {};
  if (scope.all === true) return ["every system"];
  if (typeof c.s.systemId === "string") return [c.system()];
  const n = typeof scope.systems === "number" ? scope.systems : null;
  return [n !== null ? plural(n, "system") : "some systems"];
}

function systemHref(c: Pick<Ctx, "row" | "s">, tab?: string): string | undefined {
  const id = typeof c.s.systemId === "string" ? c.s.systemId : c.row.entityType === "AiSystem" ? c.row.entityId : null;
  return id ? `/systems/${id}${tab ? `/${tab}` : ""}` : undefined;
}

/** Readable name of the person behind an event ("Rita Reviewer"), its token or job. */
export function actorName(row: AuditRow, refs: EventRefs): string {
  if (row.actorType === "system") return `The job ${row.actorRef ?? row.actorLabel.replace(/^job:/, "")}`;
  const user = row.actorId ? refs.users[row.actorId] : undefined;
  if (!user) return row.actorLabel === "system" ? "The system" : row.actorLabel;
  return row.actorType === "token" ? `${user.name} (through an API token)` : user.name;
}

/**
 * The sentence for one event. `refs` are the names loaded by `loadEventRefs`; without them the
 * sentence uses what the event recorded (emails, codes).
 */
export function describeEvent(row: AuditRow, refs: EventRefs, options: SentenceOptions = {}): EventSentence {
  const s = row.summary && typeof row.summary === "object" && !Array.isArray(row.summary) ? (row.summary as Record<string, unknown>) : {};
  const name = actorName(row, refs);
  const who: SentencePart = options.linkPeople && row.actorId && row.actorType !== "system" ? { text: name, href: `/audit?person=${encodeURIComponent(row.actorId)}` } : name;
  const systemId = typeof s.systemId === "string" ? s.systemId : row.entityType === "AiSystem" ? row.entityId : null;
  const c: Ctx = {
    row,
    s,
    refs,
    who,
    system: (tab) => {
      if (!systemId) return "a system";
      const known = refs.systems[systemId];
      const fallback = typeof s.name === "string" && row.entityType === "AiSystem" ? s.name : "a deleted system";
      return { text: known?.name ?? fallback, href: known ? `/systems/${systemId}${tab ? `/${tab}` : ""}` : undefined };
    },
    item: () => {
      const item = row.entityType === "ChecklistItem" ? refs.items[row.entityId] : undefined;
      const code = item?.code ?? (typeof s.control === "string" ? s.control : "a control");
      const href = item ? `/systems/${item.systemId}/checklist?item=${row.entityId}#item-${row.entityId}` : undefined;
      return item ? [{ text: code, href, code: true }, " ", { text: item.title, href }] : [{ text: code, code: true }];
    },
    str: (key) => (typeof s[key] === "string" && s[key] !== "" ? (s[key] as string) : null),
    num: (key) => (typeof s[key] === "number" ? (s[key] as number) : null),
    person: (id, fallbackEmail) => {
      const user = id ? refs.users[id] : undefined;
      if (user) return options.linkPeople ? { text: user.name, href: `/audit?person=${encodeURIComponent(id!)}` } : user.name;
      return typeof fallbackEmail === "string" && fallbackEmail ? fallbackEmail : "an account";
    },
  };
  const sentence = SENTENCES[row.action as AuditAction];
  const parts = sentence ? sentence(c).filter((p) => p !== "") : [who, " recorded ", { text: row.action, code: true }];
  return { parts, text: parts.map((p) => (typeof p === "string" ? p : p.text)).join("") };
}

const ENTITY_LABELS: Record<string, string> = {
  User: "Account",
  ApiToken: "API token",
  AiSystem: "AI system",
  Asset: "Asset",
  Inventory: "Inventory",
  ControlLibraryVersion: "Control library version",
  Checklist: "Checklist",
  ChecklistItem: "Checklist item",
  Evidence: "Evidence",
  ThreatModel: "Threat model",
  Threat: "Threat",
  InstanceSetting: "Setting",
  AuditLog: "Audit log",
  Incident: "Incident",
  SigningKey: "Signing key",
  GateCheck: "Deployment gate check",
  Export: "Evidence pack",
  Job: "Background job",
  ApprovalRequest: "Approval request",
  ApprovalPolicy: "Approval policy",
  DeploymentEnvironment: "Deployment environment",
};

/** "AI system" for "AiSystem" (unknown types are split into words). */
export function entityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? entityType.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** Areas of the action names (lib/audit/action-names.ts) whose plain name is not the key in words. */
const ACTION_AREAS: Record<string, string> = {
  system: "AI system",
  token: "API token",
  library: "Control library",
  gate: "Deployment gate",
  environment: "Deployment environment",
  job: "Background job",
  audit: "Audit log",
  settings: "Instance settings",
};

/** Whole names for actions whose words alone read badly ("Auth sign in"). */
const ACTION_NAMES: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_out": "Signed out",
};

/**
 * "Checklist: item updated" for "checklist.item_updated": the action's name in words for the
 * audit log's "What happened" picker and task details (area, then what happened to it).
 */
export function actionLabel(action: string): string {
  if (ACTION_NAMES[action]) return ACTION_NAMES[action];
  const [area = "", verb = ""] = action.split(".");
  const areaWords = ACTION_AREAS[area] ?? area.replace(/_/g, " ");
  const title = areaWords.charAt(0).toUpperCase() + areaWords.slice(1);
  return verb ? `${title}: ${verb.replace(/_/g, " ")}` : title;
}
