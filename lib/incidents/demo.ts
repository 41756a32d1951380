/**
 * Demo incidents (`npm run demo`): a handful in different states on the demo systems, written
 * through Prisma inside the seeding transaction with backdated timelines and an audit event
 * per timeline entry. One SEV2 incident has an overdue regulator notification; the paused HR
 * screener is paused by its SEV1 incident.
 */
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { IncidentCategory, IncidentEntryKind, IncidentSeverity, IncidentStatus, NotificationParty } from "@/generated/prisma/enums";
import type { AuditAction } from "@/lib/audit/action-names";
import { appendAudit } from "@/lib/audit/append";
import { deadlineFrom, dutiesFor, DEFAULT_NOTIFICATION_RULES } from "./rules";

type Person = { id: string; email: string; name: string };

type DemoEntry = { afterHours: number; kind: IncidentEntryKind; body: string; by: "reviewer" | "owner"; pause?: boolean };

type DemoIncident = {
  slug: string;
  title: string;
  category: IncidentCategory;
  severity: IncidentSeverity;
  status: IncidentStatus;
  detectedDaysAgo: number;
  description: string;
  impact: string;
  tags: { atlas?: string[]; owaspLlm?: string[]; owaspAgentic?: string[] };
  rootCause?: string;
  lessonsLearned?: string;
  /** Parties notified (duty done), hours after detection. */
  notified?: Partial<Record<NotificationParty, number>>;
  entries: DemoEntry[];
};

const STEP_AT: Record<string, "triagedAt" | "containedAt" | "resolvedAt" | "closedAt"> = { TRIAGED: "triagedAt", CONTAINED: "containedAt", RESOLVED: "resolvedAt", CLOSED: "closedAt" };

export const DEMO_INCIDENTS: readonly DemoIncident[] = [
  {
    slug: "customer-support-assistant",
    title: "Support assistant followed instructions hidden in a customer ticket",
    category: "PROMPT_INJECTION",
    severity: "SEV2",
    status: "CONTAINED",
    detectedDaysAgo: 5,
    description:
      "A customer pasted text into a ticket that told the assistant to ignore its rules and summarise the last five tickets of the same postcode. The assistant complied in one reply before the agent on duty noticed it in the hand-over view.",
    impact: "Fragments of three other customers' ticket history (names, order numbers) shown to one customer. No payment data.",
    tags: { atlas: ["AML.T0051.001"], owaspLlm: ["LLM01:2025", "LLM02:2025"] },
    notified: { CUSTOMERS: 20 },
    entries: [
      { afterHours: 1, kind: "STATUS_CHANGED", body: "Open → Triaged: confirmed from the conversation log; SEV2 because personal data left its owner.", by: "reviewer" },
      { afterHours: 2, kind: "ACTION", body: "Turned off cross-ticket retrieval in the assistant's tool configuration; blocked the reporting account.", by: "reviewer" },
      { afterHours: 3, kind: "STATUS_CHANGED", body: "Triaged → Contained: cross-ticket lookups are off; replayed the payload, refused.", by: "reviewer" },
      { afterHours: 20, kind: "NOTIFICATION_DONE", body: "Customers notified: the three affected customers were emailed by the support lead.", by: "reviewer" },
    ],
  },
  {
    slug: "hr-cv-screener",
    title: "CV screener exposed candidates' salary expectations to hiring managers of other teams",
    category: "SENSITIVE_DATA_DISCLOSURE",
    severity: "SEV1",
    status: "TRIAGED",
    detectedDaysAgo: 1,
    description: "The screener's summaries included salary expectations and notice periods taken from the candidates' cover letters, and the summaries were visible to every hiring manager.",
    impact: "About 140 candidates' salary expectations visible to 25 managers outside the hiring team. Special-category data not affected as far as known.",
    tags: { atlas: ["AML.T0057"], owaspLlm: ["LLM02:2025"] },
    entries: [
      { afterHours: 2, kind: "STATUS_CHANGED", body: "Open → Triaged: SEV1, personal data of applicants disclosed to the wrong audience.", by: "reviewer" },
      { afterHours: 3, kind: "SYSTEM_PAUSED", body: "Paused HR CV screener: stops new summaries while the exposure is scoped.", by: "reviewer", pause: true },
    ],
  },
  {
    slug: "code-review-agent",
    title: "Code review agent pushed a commit to a protected branch",
    category: "UNSAFE_TOOL_ACTION",
    severity: "SEV3",
    status: "CLOSED",
    detectedDaysAgo: 21,
    description: "Asked to 'fix the lint errors', the agent committed directly to the release branch using the bot token instead of opening a pull request.",
    impact: "One unreviewed commit on the release branch for 40 minutes; reverted before any release. No data affected.",
    tags: { owaspLlm: ["LLM06:2025"], owaspAgentic: ["ASI02", "ASI03"], atlas: ["AML.T0053"] },
    rootCause: "The agent's token had write access to every branch; branch protection exempted bot accounts.",
    lessonsLearned: "Agent credentials get the narrowest scope (pull requests only), and branch protection applies to bots too. Add a threat-model entry for agent tokens with write scope.",
    entries: [
      { afterHours: 1, kind: "STATUS_CHANGED", body: "Open → Triaged.", by: "reviewer" },
      { afterHours: 1.5, kind: "ACTION", body: "Reverted the commit; revoked the bot token and issued one limited to pull requests.", by: "reviewer" },
      { afterHours: 2, kind: "STATUS_CHANGED", body: "Triaged → Contained.", by: "reviewer" },
      { afterHours: 30, kind: "STATUS_CHANGED", body: "Contained → Resolved: branch protection now covers bot accounts.", by: "reviewer" },
      { afterHours: 72, kind: "STATUS_CHANGED", body: "Resolved → Closed.", by: "reviewer" },
    ],
  },
  {
    slug: "website-semantic-search",
    title: "Search answers drifted after the embedding model update",
    category: "DRIFT_BEHAVIOUR_CHANGE",
    severity: "SEV4",
    status: "OPEN",
    detectedDaysAgo: 0,
    description: "Since the embedding model update, product pages rank below blog posts for product-name queries.",
    impact: "Worse results for visitors; no data or safety impact.",
    tags: {},
    entries: [],
  },
  {
    slug: "card-fraud-scoring",
    title: "Spike of scoring requests from one merchant integration",
    category: "DENIAL_OF_SERVICE_COST",
    severity: "SEV3",
    status: "RESOLVED",
    detectedDaysAgo: 9,
    description: "A merchant's retry loop sent 40x the usual scoring volume for six hours.",
    impact: "Latency above target for other merchants for two hours; no wrong decisions found.",
    tags: { owaspLlm: ["LLM10:2025"], atlas: ["AML.T0029"] },
    entries: [
      { afterHours: 0.5, kind: "STATUS_CHANGED", body: "Open → Triaged.", by: "reviewer" },
      { afterHours: 1, kind: "ACTION", body: "Rate limit of 50 requests per second applied to the merchant's key.", by: "reviewer" },
      { afterHours: 1.2, kind: "STATUS_CHANGED", body: "Triaged → Contained.", by: "reviewer" },
      { afterHours: 50, kind: "STATUS_CHANGED", body: "Contained → Resolved: merchant fixed the retry loop; per-key limits now default.", by: "reviewer" },
    ],
  },
];

const ENTRY_ACTION: Record<IncidentEntryKind, AuditAction> = {
  REPORTED: "incident.reported",
  NOTE: "incident.entry_added",
  ACTION: "incident.entry_added",
  STATUS_CHANGED: "incident.status_changed",
  SYSTEM_PAUSED: "incident.system_paused",
  SYSTEM_RESUMED: "incident.system_resumed",
  NOTIFICATION_DONE: "incident.notification_done",
  FOLLOW_UP_OPENED: "incident.follow_up_opened",
  DETAILS_UPDATED: "incident.updated",
};

/**
 * Seeds DEMO_INCIDENTS on the demo systems (skipping any slug not seeded), with duties from
 * the default rules. @returns the number of incidents written.
 */
export async function seedDemoIncidents(tx: Prisma.TransactionClient, systemsBySlug: Map<string, { id: string; ownerId: string }>, people: { reviewer: Person }, now: Date): Promise<number> {
  let count = 0;
  for (const d of DEMO_INCIDENTS) {
    const system = systemsBySlug.get(d.slug);
    if (!system) continue;
    const owner = await tx.user.findUniqueOrThrow({ where: { id: system.ownerId }, select: { id: true, email: true, name: true } });
    const detectedAt = new Date(now.getTime() - d.detectedDaysAgo * 86_400_000 - 2 * 3_600_000);
    const at = (h: number) => new Date(detectedAt.getTime() + h * 3_600_000);
    const reportedAt = at(0.25);
    const stamps: Partial<Record<"triagedAt" | "containedAt" | "resolvedAt" | "closedAt", Date>> = {};
    for (const e of d.entries) {
      if (e.kind !== "STATUS_CHANGED") continue;
      const to = /→ (\w+)/.exec(e.body)?.[1]?.toUpperCase();
      const field = to ? STEP_AT[to] : undefined;
      if (field) stamps[field] = at(e.afterHours);
    }
    const incident = await tx.incident.create({
      data: {
        title: d.title,
        category: d.category,
        severity: d.severity,
        status: d.status,
        detectedAt,
        reportedAt,
        reporterId: owner.id,
        leadId: d.status === "OPEN" ? null : people.reviewer.id,
        description: d.description,
        impact: d.impact,
        atlas: d.tags.atlas ?? [],
        owaspLlm: d.tags.owaspLlm ?? [],
        owaspAgentic: d.tags.owaspAgentic ?? [],
        rootCause: d.rootCause ?? null,
        lessonsLearned: d.lessonsLearned ?? null,
        ...stamps,
        rowVersion: 1 + d.entries.filter((e) => e.kind === "STATUS_CHANGED").length,
        systems: { create: [{ systemId: system.id }] },
      },
      select: { id: true, number: true },
    });
    for (const duty of dutiesFor(DEFAULT_NOTIFICATION_RULES, d.severity)) {
      const doneAfter = d.notified?.[duty.party];
      let evidenceId: string | null = null;
      if (doneAfter !== undefined) {
        const ev = await tx.evidence.create({
          data: { systemId: system.id, kind: "NOTE", title: `Incident notice to ${duty.party.toLowerCase().replace("_", " ")}`, noteBody: "Copy of the notice sent, with the recipients and the time sent.", effectiveDate: at(doneAfter), uploadedById: people.reviewer.id },
          select: { id: true },
        });
        evidenceId = ev.id;
        await appendAudit(tx, people.reviewer, { action: "evidence.added", entityType: "Evidence", entityId: ev.id, summary: { systemId: system.id, kind: "NOTE", source: "demo-seed" } });
      }
      await tx.incidentNotification.create({
        data: { incidentId: incident.id, party: duty.party, ruleHours: duty.hours, dueAt: deadlineFrom(detectedAt, duty.hours), doneAt: doneAfter !== undefined ? at(doneAfter) : null, doneById: doneAfter !== undefined ? people.reviewer.id : null, evidenceId },
      });
      if (evidenceId) {
        const entry = d.entries.find((e) => e.kind === "NOTIFICATION_DONE");
        if (entry) (entry as DemoEntry & { evidenceId?: string }).evidenceId = evidenceId;
      }
    }
    const all: (DemoEntry & { evidenceId?: string })[] = [{ afterHours: 0.25, kind: "REPORTED", body: `Reported as ${d.severity}.`, by: "owner" }, ...d.entries];
    for (const e of all) {
      const author = e.by === "owner" ? owner : people.reviewer;
      const row = await tx.incidentEntry.create({
        data: { incidentId: incident.id, at: at(e.afterHours), authorId: author.id, authorName: author.name, kind: e.kind, body: e.body, evidenceId: e.evidenceId ?? null, systemId: e.pause ? system.id : null },
        select: { id: true },
      });
      await appendAudit(tx, author, { action: ENTRY_ACTION[e.kind], entityType: "Incident", entityId: incident.id, summary: { entryId: row.id.toString(), kind: e.kind, source: "demo-seed" } });
    }
    count++;
  }
  return count;
}
