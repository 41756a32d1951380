import { describe, expect, it } from "vitest";
import { ZNotificationEvent, type NotificationEvent } from "./events";
import { approvalNotice, messageFor, recipientsFor, type FanOutFacts } from "./rules";

const facts: FanOutFacts = { systemName: "Support bot", ownerId: "owner", contributorIds: ["contrib"], reviewerIds: ["rev1", "rev2"], adminIds: ["admin"] };
const fan = (event: NotificationEvent) => recipientsFor(ZNotificationEvent.parse(event), facts).sort();

describe("[NOTIFY] fan-out rules", () => {
  it("an assignment tells the assignee only, never the person who assigned it to themselves", () => {
    expect(fan({ kind: "item.assigned", actorId: "owner", systemId: "s", itemId: "i", assigneeId: "contrib", control: "DES-1.1" })).toEqual(["contrib"]);
    expect(fan({ kind: "item.assigned", actorId: "contrib", systemId: "s", itemId: "i", assigneeId: "contrib", control: "DES-1.1" })).toEqual([]);
  });

  it("a reviewer decision request goes to every reviewer except the one who asked", () => {
    expect(fan({ kind: "item.review_requested", actorId: "owner", systemId: "s", itemId: "i", control: "DES-2.1" })).toEqual(["rev1", "rev2"]);
    expect(fan({ kind: "item.review_requested", actorId: "rev1", systemId: "s", itemId: "i", control: "DES-2.1" })).toEqual(["rev2"]);
  });

  it("expiries and due reviews go to the system's team; an acceptance also to whoever accepted it", () => {
    expect(fan({ kind: "evidence.expiring", systemId: "s", evidenceId: "e", title: "Pen test", expiresOn: "2026-12-10" })).toEqual(["contrib", "owner"]);
    expect(fan({ kind: "review.due", systemId: "s", dueOn: "2026-12-10" })).toEqual(["contrib", "owner"]);
    expect(fan({ kind: "acceptance.expiring", systemId: "s", threatId: "t", title: "PI", expiresOn: "2026-12-10", acceptedById: "rev2" })).toEqual(["contrib", "owner", "rev2"]);
  });

  it("approvals: requests to reviewers who may decide, decisions to the requester and the owner, stale ones to the requester and the team", () => {
    expect(fan({ kind: "approval.requested", actorId: "contrib", systemId: "s", approvalId: "a", href: "/x", summary: "v2 to production", round: 1 })).toEqual(["rev1", "rev2"]);
    // A reviewer who contributes to the system may not decide it: not asked.
    const reviewerInTeam = recipientsFor(ZNotificationEvent.parse({ kind: "approval.requested", actorId: "owner", systemId: "s", approvalId: "a", href: "/x", summary: "v2", round: 1 }), { ...facts, contributorIds: ["rev2"] });
    expect(reviewerInTeam).toEqual(["rev1"]);
    expect(fan({ kind: "approval.decided", actorId: "rev1", systemId: "s", approvalId: "a", href: "/x", decision: "approved", round: 1, requestedById: "contrib" })).toEqual(["contrib", "owner"]);
    expect(fan({ kind: "approval.decided", actorId: "rev1", systemId: "s", approvalId: "a", href: "/x", decision: "revoked", round: 1, requestedById: "owner" })).toEqual(["owner"]);
    expect(fan({ kind: "approval.stale", actorId: "contrib", systemId: "s", approvalId: "a", href: "/x", environment: "production", reason: "The pinned digest changed.", requestedById: "admin" })).toEqual(["admin", "owner"]);
    expect(fan({ kind: "approval.expiring", systemId: "s", approvalId: "a", href: "/x", expiresOn: "2027-01-05", warnDays: 30, environment: "production" })).toEqual(["contrib", "owner"]);
  });

  it("approval keys: a new round asks again, each decision is its own notice, expiry warns once per threshold", () => {
    const key = (e: NotificationEvent) => messageFor(ZNotificationEvent.parse(e), "Bot").dedupeKey;
    const requested = { kind: "approval.requested", actorId: "owner", systemId: "s", approvalId: "a", href: "/approvals/a", summary: "v2", round: 1 } as const;
    expect(key(requested)).toBe("approval.requested:a:1");
    expect(key({ ...requested, round: 2 })).toBe("approval.requested:a:2");
    const decided = { kind: "approval.decided", actorId: "rev1", systemId: "s", approvalId: "a", href: "/approvals/a", decision: "sent back for changes", round: 1, requestedById: "owner" } as const;
    expect(key(decided)).not.toBe(key({ ...decided, decision: "approved", round: 2 }));
    const expiring = { kind: "approval.expiring", systemId: "s", approvalId: "a", href: "/approvals/a", expiresOn: "2027-01-05", warnDays: 30, environment: "production" } as const;
    expect(key(expiring)).toBe("approval.expiring:a:2027-01-05:30");
    expect(key({ ...expiring, warnDays: 7 })).toBe("approval.expiring:a:2027-01-05:7");
    expect(messageFor(ZNotificationEvent.parse(expiring), "Bot")).toMatchObject({ title: "Approval for production expires on 2027-01-05: Bot", href: "/approvals/a" });
  });

  it("an approval's notice: none beyond 30 days, the 30-day notice until 8 days are left, then the 7-day one", () => {
    const at = (iso: string) => new Date(iso);
    expect(approvalNotice(at("2027-01-05T10:00:00Z"), "2026-12-05")).toBeNull(); // 31 days and 10 hours
    expect(approvalNotice(at("2027-01-05T00:00:00Z"), "2026-12-06")).toBe(30);
    expect(approvalNotice(at("2027-01-05T10:00:00Z"), "2026-12-06")).toBe(30);
    expect(approvalNotice(at("2027-01-05T10:00:00Z"), "2026-12-28")).toBe(30); // 8 days
    expect(approvalNotice(at("2027-01-05T10:00:00Z"), "2026-12-29")).toBe(7);
    expect(approvalNotice(at("2027-01-05T10:00:00Z"), "2027-01-05")).toBe(7);
  });

  it("incidents: reported to reviewers and the team; escalated also to admins and the lead", () => {
    expect(fan({ kind: "incident.reported", actorId: "owner", systemId: "s", incidentId: "n", href: "/x", severity: "SEV2", title: "Leak" })).toEqual(["contrib", "rev1", "rev2"]);
    expect(fan({ kind: "incident.escalated", actorId: "rev1", systemId: "s", incidentId: "n", href: "/x", severity: "SEV1", title: "Leak", leadId: "lead" })).toEqual(["admin", "contrib", "lead", "owner", "rev2"]);
  });

  it("a production gate denial goes to the team and reviewers, keyed per system, environment, reasons and hour", () => {
    const denied: Extract<NotificationEvent, { kind: "gate.denied" }> = { kind: "gate.denied", actorId: null, systemId: "s", environment: "production", reasonCodes: ["NO_APPROVAL"], reason: "No approval for this environment.", checkedAt: "2026-12-01T09:05:00.000Z", href: "/x" };
    expect(fan(denied)).toEqual(["contrib", "owner", "rev1", "rev2"]);
    // The token's owner (who ran the pipeline) is not told of their own call.
    expect(fan({ ...denied, actorId: "owner" })).toEqual(["contrib", "rev1", "rev2"]);
    const key = (e: NotificationEvent) => messageFor(ZNotificationEvent.parse(e), "Bot").dedupeKey;
    expect(key(denied)).toBe("gate.denied:s:production:NO_APPROVAL:2026-12-01T09");
    expect(key({ ...denied, checkedAt: "2026-12-01T09:59:59.000Z" })).toBe(key(denied));
    expect(key({ ...denied, checkedAt: "2026-12-01T10:00:00.000Z" })).not.toBe(key(denied));
    expect(key({ ...denied, reasonCodes: ["APPROVAL_EXPIRED", "DIGEST_NOT_APPROVED"] })).toBe("gate.denied:s:production:APPROVAL_EXPIRED+DIGEST_NOT_APPROVED:2026-12-01T09");
    expect(key({ ...denied, environment: "eu-production" })).not.toBe(key(denied));
    expect(messageFor(ZNotificationEvent.parse(denied), "Bot")).toMatchObject({ title: "Deployment to production denied: Bot", body: "No approval for this environment." });
  });

  it("an escalation says from which severity; its key is per incident and severity", () => {
    const e = ZNotificationEvent.parse({ kind: "incident.escalated", actorId: "rev1", systemId: "s", incidentId: "n", href: "/incidents/n", severity: "SEV1", from: "SEV3", title: "INC-0004 Leak", leadId: null });
    expect(messageFor(e, "Bot")).toMatchObject({ title: "Incident escalated to SEV1: INC-0004 Leak", body: "Bot: raised from SEV3.", dedupeKey: "incident.escalated:n:SEV1" });
  });

  it("scheduled events carry a key per object and date (a re-run adds nothing); one-off events have none", () => {
    const e = ZNotificationEvent.parse({ kind: "evidence.expiring", systemId: "s", evidenceId: "e", title: "Pen test", expiresOn: "2026-12-10" });
    expect(messageFor(e, "Bot").dedupeKey).toBe("evidence.expiring:e:2026-12-10");
    expect(messageFor(e, "Bot").href).toBe("/systems/s/evidence");
    const a = ZNotificationEvent.parse({ kind: "item.assigned", actorId: null, systemId: "s", itemId: "i", assigneeId: "x", control: "DES-1.1" });
    expect(messageFor(a, "Bot")).toMatchObject({ dedupeKey: null, href: "/systems/s/checklist?item=i", title: "DES-1.1 is assigned to you" });
  });

  it("an event of an unknown kind or with a bad date is refused", () => {
    expect(() => ZNotificationEvent.parse({ kind: "nope", systemId: "s" })).toThrow();
    expect(() => ZNotificationEvent.parse({ kind: "review.due", systemId: "s", dueOn: "2026-13-40" })).toThrow();
  });
});
