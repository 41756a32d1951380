import { describe, expect, it } from "vitest";
import { actionLabel, describeEvent, entityLabel, SENTENCES } from "@/components/audit/sentences";
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from "@/lib/audit/action-names";
import type { EventRefs } from "@/lib/audit/event-refs";
import type { AuditRow } from "@/lib/audit/queries";

const refs: EventRefs = {
  users: { u1: { name: "Rita Reviewer", email: "rita@example.test" }, u2: { name: "Pat Owner", email: "pat@example.test" } },
  systems: { s1: { name: "Chat assistant" } },
  items: { i1: { code: "DES-1.2", title: "Model the threats to the system", systemId: "s1" } },
};

function row(over: Partial<AuditRow>): AuditRow {
  return {
    id: "42",
    occurredAt: "2026-11-30T10:00:00.000Z",
    actorLabel: "rita@example.test",
    actorId: "u1",
    actorType: "user",
    actorRef: null,
    action: "system.updated",
    entityType: "AiSystem",
    entityId: "s1",
    summary: {},
    requestMeta: null,
    hash: "a".repeat(64),
    ...over,
  };
}

describe("audit event sentences", () => {
  it("every audit action has a sentence (a new action must add one in components/audit/sentences.ts)", () => {
    const missing = AUDIT_ACTIONS.filter((a) => !SENTENCES[a]);
    expect(missing, `actions without a sentence: ${missing.join(", ")}`).toEqual([]);
  });

  it("every action's sentence renders from an empty summary without raw keys or 'undefined'", () => {
    for (const action of AUDIT_ACTIONS) {
      const { text } = describeEvent(row({ action, summary: { systemId: "s1" } }), refs);
      expect(text.length, action).toBeGreaterThan(5);
      expect(text, action).not.toContain("undefined");
      expect(text, action).not.toContain("[object");
      expect(text, action).not.toContain(action);
    }
  });

  it("a checklist status change names the person, the control code and title, the status label and the system, with links", () => {
    const event = row({
      action: "checklist.item_updated",
      entityType: "ChecklistItem",
      entityId: "i1",
      summary: { systemId: "s1", control: "DES-1.2", changes: { status: { from: "NOT_STARTED", to: "MET" } } },
    });
    const { text, parts } = describeEvent(event, refs, { linkPeople: true });
    expect(text).toBe("Rita Reviewer marked DES-1.2 Model the threats to the system as Met on Chat assistant");
    const links = parts.filter((p) => typeof p !== "string" && p.href).map((p) => (typeof p === "string" ? "" : p.href));
    expect(links).toEqual(["/audit?person=u1", "/systems/s1/checklist?item=i1#item-i1", "/systems/s1/checklist?item=i1#item-i1", "/systems/s1/checklist"]);
  });

  it("the demo data's checklist event says what it filled in, not 'changed nothing of a control' (QA finding 10)", () => {
    const event = row({
      action: "checklist.item_updated",
      actorId: null,
      actorType: "system",
      actorLabel: "system",
      summary: { systemId: "s1", source: "demo-seed", met: 12, notApplicable: 3, waitingForReviewer: 2, assigned: 3 },
    });
    const { text } = describeEvent(event, refs);
    expect(text).toBe("The demo data filled in the checklist of Chat assistant (12 items met, 3 not applicable, 2 waiting for a reviewer, 3 assigned with a due date)");
    expect(text).not.toContain("nothing");
  });

  it("asset kinds keep their acronyms inside a sentence (QA finding 14)", () => {
    const { text } = describeEvent(row({ action: "asset.created", entityType: "Asset", entityId: "a1", summary: { systemId: "s1", kind: "VENDOR_API", name: "Google Gemini API" } }), refs);
    expect(text).toBe("Rita Reviewer added the vendor API Google Gemini API to Chat assistant");
  });

  it("falls back to what the event recorded when the records are gone", () => {
    const event = row({ action: "checklist.item_updated", entityType: "ChecklistItem", entityId: "gone", actorId: "gone", summary: { systemId: "gone", control: "DEP-2.3", changes: { ownerId: { from: null, to: "u2" }, dueDate: { from: null, to: "2026-12-01" } } } });
    expect(describeEvent(event, refs).text).toBe("rita@example.test changed the owner and due date of DEP-2.3 on a deleted system");
  });

  it("a bulk owner or due date change says from what to what (names as recorded), and 'one of N' only when N > 1", () => {
    const item = { action: "checklist.item_updated", entityType: "ChecklistItem", entityId: "i1" } as const;
    const owner = row({ ...item, summary: { systemId: "s1", control: "DES-1.2", bulk: true, bulkCount: 77, changes: { ownerId: { from: null, to: "u9", fromName: null, toName: "Grace Whitfield" } } } });
    expect(describeEvent(owner, refs).text).toBe("Rita Reviewer changed the owner of DES-1.2 Model the threats to the system from Unassigned to Grace Whitfield on Chat assistant (one of 77 items changed at once)");
    const back = row({ ...item, summary: { systemId: "s1", control: "DES-1.2", bulk: true, bulkCount: 1, changes: { ownerId: { from: "u9", to: null, fromName: "Grace Whitfield", toName: null } } } });
    expect(describeEvent(back, refs).text).toBe("Rita Reviewer changed the owner of DES-1.2 Model the threats to the system from Grace Whitfield to Unassigned on Chat assistant");
    const due = row({ ...item, summary: { systemId: "s1", control: "DES-1.2", bulk: true, bulkCount: 2, changes: { dueDate: { from: null, to: "2027-01-31" } } } });
    expect(describeEvent(due, refs).text).toBe("Rita Reviewer changed the due date of DES-1.2 Model the threats to the system from none to 2027-01-31 on Chat assistant (one of 2 items changed at once)");
    // Events written before names and counts were recorded: no guessed names, no "several".
    const old = row({ ...item, summary: { systemId: "s1", control: "DES-1.2", bulk: true, changes: { ownerId: { from: null, to: "u2" } } } });
    expect(describeEvent(old, refs).text).toBe("Rita Reviewer changed the owner of DES-1.2 Model the threats to the system on Chat assistant (in a bulk change)");
  });

  it("a lifecycle change uses labels, not enum values", () => {
    const event = row({ summary: { changes: { lifecycle: { from: "DRAFT", to: "IN_REVIEW" }, riskTier: { from: "LOW", to: "HIGH" } } } });
    expect(describeEvent(event, refs).text).toBe("Rita Reviewer moved Chat assistant from Draft to In review and changed the risk tier");
  });

  it("incident events name the incident by reference and title (from the loaded refs), with words for statuses, parties and fields", () => {
    const incidentRefs: EventRefs = { ...refs, incidents: { n1: { number: 42, title: "Prompt injection via uploaded PDF" } } };
    const inc = (action: AuditRow["action"], summary: Record<string, unknown>) => describeEvent(row({ action, entityType: "Incident", entityId: "n1", summary }), incidentRefs);
    expect(inc("incident.reported", { number: 42, severity: "SEV2" }).text).toMatch(/^Rita Reviewer reported the incident INC-0042 “Prompt injection via uploaded PDF” \(SEV2/);
    expect(inc("incident.status_changed", { from: "OPEN", to: "CONTAINED" }).text).toBe("Rita Reviewer moved the incident INC-0042 “Prompt injection via uploaded PDF” to Contained");
    expect(inc("incident.updated", { changed: ["severity", "systems"] }).text).toBe("Rita Reviewer changed the severity and affected systems of the incident INC-0042 “Prompt injection via uploaded PDF”");
    expect(inc("incident.notification_done", { party: "REGULATOR", late: true }).text).toBe("Rita Reviewer recorded the notification of regulator as sent for the incident INC-0042 “Prompt injection via uploaded PDF” (after the deadline)");
    const link = inc("incident.entry_added", { kind: "NOTE" }).parts.find((p) => typeof p !== "string" && p.href?.startsWith("/incidents/"));
    expect(link).toEqual({ text: "INC-0042 “Prompt injection via uploaded PDF”", href: "/incidents/n1" });
    // Without refs (incident deleted or refs not loaded) the event's own summary still names it.
    expect(describeEvent(row({ action: "incident.reported", entityType: "Incident", entityId: "gone", summary: { number: 7, title: "Leak" } }), refs).text).toBe("Rita Reviewer reported the incident INC-0007 “Leak”");
  });

  it("an escalation names the severities, the other changed fields; a lowered severity says so; email choices in words", () => {
    const incidentRefs: EventRefs = { ...refs, incidents: { n1: { number: 42, title: "Leak" } } };
    const inc = (action: AuditRow["action"], summary: Record<string, unknown>) => describeEvent(row({ action, entityType: "Incident", entityId: "n1", summary }), incidentRefs).text;
    expect(inc("incident.escalated", { changed: ["severity", "lead"], severity: { from: "SEV3", to: "SEV1" } })).toBe(
      "Rita Reviewer escalated the incident INC-0042 “Leak” (severity raised from SEV3 to SEV1 — Critical) and changed the lead",
    );
    expect(inc("incident.escalated", { changed: ["severity"], severity: { from: "SEV2", to: "SEV1" } })).toBe("Rita Reviewer escalated the incident INC-0042 “Leak” (severity raised from SEV2 to SEV1 — Critical)");
    expect(inc("incident.updated", { changed: ["severity"], severity: { from: "SEV1", to: "SEV3" } })).toMatch(/^Rita Reviewer changed the severity of the incident INC-0042 “Leak” \(severity lowered from SEV1 to SEV3/);
    expect(inc("incident.updated", { changed: ["title"], severity: { from: "SEV2", to: "SEV2" } })).toBe("Rita Reviewer changed the title of the incident INC-0042 “Leak”");
    const prefs = (summary: Record<string, unknown>) => describeEvent(row({ action: "user.notification_preferences_changed", entityType: "User", entityId: "u1", summary }), refs).text;
    expect(prefs({ emailOn: ["incident.escalated", "gate.denied"], emailOff: ["approval.stale"] })).toBe(
      "Rita Reviewer switched on email about escalated incidents and production deployments the gate denied, and switched off email about approval requests waiting too long",
    );
    expect(prefs({ emailOn: [], emailOff: ["review.due"] })).toBe("Rita Reviewer switched off email about periodic reviews due");
  });

  it("evidence packs, gate batches and signing keys read as sentences", () => {
    expect(describeEvent(row({ action: "export.pack_created", entityType: "Export", entityId: "p1", summary: { systemId: "s1", scope: { all: false, systems: 1 }, files: 12 } }), refs).text).toBe("Rita Reviewer created a signed evidence pack of Chat assistant (12 files)");
    expect(describeEvent(row({ action: "export.pack_created", entityType: "Export", entityId: "p2", summary: { scope: { all: true, systems: 9 }, files: 80 } }), refs).text).toBe("Rita Reviewer created a signed evidence pack of every system (80 files)");
    expect(describeEvent(row({ action: "export.requested", entityType: "Export", entityId: "p3", summary: { scope: { all: false, systems: 3, from: "2026-01-01", to: null } } }), refs).text).toBe(
      "Rita Reviewer asked for a signed evidence pack of 3 systems covering 2026-01-01 to today",
    );
    expect(describeEvent(row({ action: "export.downloaded", entityType: "Export", entityId: "p3", summary: { bytes: 1536 } }), refs).text).toBe("Rita Reviewer downloaded a signed evidence pack (1.5 KB)");
    expect(describeEvent(row({ action: "export.list_exported", entityType: "Export", entityId: "x1", summary: { table: "checklist-items", systemId: "s1", systems: 1 } }), refs).text).toBe(
      "Rita Reviewer exported the list of checklist items of Chat assistant as CSV",
    );
    expect(describeEvent(row({ action: "export.list_exported", entityType: "Export", entityId: "x2", summary: { table: "systems", systemId: null, systems: 14 } }), refs).text).toBe("Rita Reviewer exported the list of 14 AI systems as CSV");
    expect(describeEvent(row({ action: "export.list_exported", entityType: "Export", entityId: "x3", summary: { table: "audit-log", filter: {} } }), refs).text).toBe("Rita Reviewer exported the list of audit events as CSV");
    expect(describeEvent(row({ action: "gate.checks_recorded", entityType: "GateCheck", entityId: "1-3", actorType: "system", actorId: null, summary: { count: 3, allows: 2, denies: 1 } }), refs).text).toBe("The deployment gate answered 3 checks (2 allowed, 1 denied)");
    expect(describeEvent(row({ action: "signing_key.rotated", entityType: "SigningKey", entityId: "k2", summary: { fingerprint: "ab12", retiredFingerprint: "cd34" } }), refs).text).toBe("Rita Reviewer rotated the instance signing key: the new key is ab12 and cd34 is retired");
  });

  it("approval events name the release (linking to the request), the system, the environment and the outcome", () => {
    const approvalRefs: EventRefs = { ...refs, approvals: { a1: { releaseLabel: "v1.2.0", environment: "Production" } } };
    const ev = (action: AuditRow["action"], summary: Record<string, unknown>, over: Partial<AuditRow> = {}) =>
      describeEvent(row({ action, entityType: "ApprovalRequest", entityId: "a1", summary: { systemId: "s1", environment: "production", ...summary }, ...over }), approvalRefs);
    expect(ev("approval.opened", { releaseLabel: "v1.2.0" }).text).toBe("Rita Reviewer started an approval request for release v1.2.0 of Chat assistant to Production");
    expect(ev("approval.submitted", { gatePassed: false, failingRules: ["evidence", "incidents"] }).text).toBe(
      "Rita Reviewer submitted release v1.2.0 of Chat assistant to Production for approval (2 gate rules failed: it needs an exception)",
    );
    expect(ev("approval.submitted", { gatePassed: true }).text).toMatch(/for approval \(the gate passed\)$/);
    expect(ev("approval.decided", { outcome: "APPROVE", approvals: 1, approvalsRequired: 2, comment: "Looks good" }).text).toBe(
      "Rita Reviewer approved release v1.2.0 of Chat assistant to Production (1 of 2 approvals needed): “Looks good”",
    );
    expect(ev("approval.decided", { outcome: "REQUEST_CHANGES" }).text).toBe("Rita Reviewer asked for changes to release v1.2.0 of Chat assistant to Production");
    expect(ev("approval.approved", { expiresAt: "2027-03-01T00:00:00.000Z", withException: true }).text).toBe(
      "Release v1.2.0 of Chat assistant was approved for Production until 2027-03-01 with an exception (last decision by Rita Reviewer)",
    );
    expect(ev("approval.exception_granted", { failingRules: ["evidence"], expiresOn: "2027-01-31", rationale: "Compensating control in place" }).text).toBe(
      "Rita Reviewer granted an exception for release v1.2.0 of Chat assistant to Production (1 failing gate rule) until 2027-01-31: “Compensating control in place”",
    );
    expect(ev("approval.revoked", { reason: "Model replaced" }).text).toBe("Rita Reviewer revoked the approval of release v1.2.0 of Chat assistant to Production: “Model replaced”");
    expect(ev("approval.expired", { expiresAt: "2026-11-30T00:00:00.000Z" }, { actorId: null, actorType: "system", actorRef: "expire-approvals" }).text).toBe(
      "The approval of release v1.2.0 of Chat assistant to Production expired on 2026-11-30",
    );
    expect(ev("approval.stale", { reasons: ["The model's digest changed."] }).text).toBe(
      "The approval request for release v1.2.0 of Chat assistant to Production went stale after a change by Rita Reviewer: The model's digest changed",
    );
    expect(ev("approval.withdrawn", {}).parts).toContainEqual({ text: "release v1.2.0", href: "/approvals/a1" });
    // Without refs (request deleted): the summary's release label and environment key.
    expect(describeEvent(row({ action: "approval.opened", entityType: "ApprovalRequest", entityId: "gone", summary: { systemId: "s1", releaseLabel: "v9", environment: "staging" } }), refs).text).toBe(
      "Rita Reviewer started an approval request for release v9 of Chat assistant to staging",
    );
  });

  it("approval settings, lifecycle moves, periodic reviews, jobs and review intervals read as sentences", () => {
    expect(describeEvent(row({ action: "approval_policy.updated", entityType: "ApprovalPolicy", entityId: "HIGH", summary: { from: { approvalsRequired: 2, validityDays: 90 }, to: { approvalsRequired: 3, validityDays: 60 } } }), refs).text).toBe(
      "Rita Reviewer changed the approval policy for high risk systems to 3 approvals, valid 60 days (was 2 approvals, valid 90 days)",
    );
    expect(describeEvent(row({ action: "environment.added", entityType: "DeploymentEnvironment", entityId: "canary", summary: { label: "Canary", restored: false } }), refs).text).toBe(
      "Rita Reviewer added the deployment environment “Canary” (canary)",
    );
    expect(describeEvent(row({ action: "environment.archived", entityType: "DeploymentEnvironment", entityId: "canary", summary: { label: "Canary" } }), refs).text).toBe(
      "Rita Reviewer archived the deployment environment “Canary”",
    );
    const lifecycle = describeEvent(row({ action: "system.lifecycle_changed", summary: { from: "IN_REVIEW", to: "APPROVED", reason: "Approved for production.", cause: { kind: "approval", id: "a1" } } }), refs);
    expect(lifecycle.text).toBe("Rita Reviewer moved Chat assistant from In review to Approved (through an approval): Approved for production");
    expect(lifecycle.parts).toContainEqual({ text: "an approval", href: "/approvals/a1" });
    expect(describeEvent(row({ action: "system.reviewed", summary: { outcome: "NEEDS_ACTION", findings: ["DES-1.2", "OPS-3.1"], nextReviewDue: "2027-05-30" } }), refs).text).toBe(
      "Rita Reviewer recorded a periodic review of Chat assistant (needs action); 2 findings reopened DES-1.2 and OPS-3.1; next review due 2027-05-30",
    );
    expect(describeEvent(row({ action: "system.review_rescheduled", summary: { from: "2027-05-30", to: "2026-12-31", reason: "Brought forward on 2026-12-01: risk tier raised to High." } }), refs).text).toBe(
      "The next review of Chat assistant was brought forward to 2026-12-31 (it was 2027-05-30) after a change by Rita Reviewer: Brought forward on 2026-12-01: risk tier raised to High",
    );
    const job = { actorId: null, actorType: "system", actorRef: "expire-approvals", actorLabel: "job:expire-approvals", entityType: "Job", entityId: "j1" } as const;
    expect(describeEvent(row({ ...job, action: "job.completed", summary: { job: "expire-approvals", attempt: 0 } }), refs).text).toBe("The background job expire-approvals finished");
    expect(describeEvent(row({ ...job, action: "job.failed", summary: { job: "expire-approvals", attempts: 3, error: "connection refused" } }), refs).text).toBe(
      "The background job expire-approvals failed after 3 attempts: connection refused",
    );
    expect(describeEvent(row({ action: "settings.updated", entityType: "InstanceSetting", entityId: "review.intervals", summary: { from: { CRITICAL: 90, HIGH: 180, MEDIUM: 365, LOW: 365 }, to: { CRITICAL: 60, HIGH: 180, MEDIUM: 365, LOW: 365 } } }), refs).text).toBe(
      "Rita Reviewer changed the setting review intervals from Critical 90, High 180, Medium 365, Low 365 to Critical 60, High 180, Medium 365, Low 365",
    );
    expect(describeEvent(row({ action: "token.created", entityType: "ApiToken", entityId: "t1", summary: { name: "CI gate", scopes: ["gate:check"] } }), refs).text).toBe('Rita Reviewer created the API token “CI gate” (gate:check)');
    expect(describeEvent(row({ action: "token.revoked", entityType: "ApiToken", entityId: "t1", summary: { name: "CI gate" } }), refs).text).toBe("Rita Reviewer revoked the API token “CI gate”");
    expect(describeEvent(row({ action: "webhook.created", entityType: "Webhook", entityId: "w1", summary: { name: "SIEM", url: "https://siem.example/hook", kinds: ["gate.denied", "incident.escalated"], enabled: true } }), refs).text).toBe("Rita Reviewer created the webhook “SIEM” to https://siem.example/hook for 2 kinds of event");
    expect(describeEvent(row({ action: "webhook.updated", entityType: "Webhook", entityId: "w1", summary: { name: "SIEM", changed: ["url", "enabled"], enabled: false } }), refs).text).toBe("Rita Reviewer changed the address of the webhook “SIEM” and switched it off");
    expect(describeEvent(row({ action: "webhook.deleted", entityType: "Webhook", entityId: "w1", summary: { name: "SIEM", deliveries: 1 } }), refs).text).toBe("Rita Reviewer deleted the webhook “SIEM” and its 1 delivery in the log");
    expect(entityLabel("ApprovalRequest")).toBe("Approval request");
  });

  it("unknown actions (from older versions) still render, naming the raw action", () => {
    expect(describeEvent(row({ action: "legacy.thing_done" }), refs).text).toBe("Rita Reviewer recorded legacy.thing_done");
  });

  it("actions and record types read as words in the pickers", () => {
    expect(actionLabel("checklist.item_updated")).toBe("Checklist: item updated");
    expect(actionLabel("auth.sign_in")).toBe("Signed in");
    expect(actionLabel("token.created")).toBe("API token: created");
    for (const action of AUDIT_ACTIONS) expect(actionLabel(action), action).not.toMatch(/_|^[a-z]|\bauth\b/);
    expect(entityLabel("AiSystem")).toBe("AI system");
    for (const type of AUDIT_ENTITY_TYPES) expect(entityLabel(type), type).not.toMatch(/[a-z][A-Z]/);
  });
});
