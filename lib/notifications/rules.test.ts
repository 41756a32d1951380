import { describe, expect, it } from "vitest";
import { ZNotificationEvent, type NotificationEvent } from "./events";
import { messageFor, recipientsFor, type FanOutFacts } from "./rules";

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

  it("approvals: requests to reviewers, decisions to the requester and the owner", () => {
    expect(fan({ kind: "approval.requested", actorId: "contrib", systemId: "s", approvalId: "a", href: "/x", summary: "v2 to production" })).toEqual(["rev1", "rev2"]);
    expect(fan({ kind: "approval.decided", actorId: "rev1", systemId: "s", approvalId: "a", href: "/x", decision: "approved", requestedById: "contrib" })).toEqual(["contrib", "owner"]);
    expect(fan({ kind: "approval.stale", systemId: "s", approvalId: "a", href: "/x", waitingSince: "2026-11-01" })).toEqual(["rev1", "rev2"]);
  });

  it("incidents: reported to reviewers and the team; escalated also to admins and the lead", () => {
    expect(fan({ kind: "incident.reported", actorId: "owner", systemId: "s", incidentId: "n", href: "/x", severity: "SEV2", title: "Leak" })).toEqual(["contrib", "rev1", "rev2"]);
    expect(fan({ kind: "incident.escalated", actorId: "rev1", systemId: "s", incidentId: "n", href: "/x", severity: "SEV1", title: "Leak", leadId: "lead" })).toEqual(["admin", "contrib", "lead", "owner", "rev2"]);
  });

  it("a production gate denial goes to the team and reviewers", () => {
    expect(fan({ kind: "gate.denied", actorId: null, systemId: "s", environment: "production", reason: "Checklist incomplete", href: "/x" })).toEqual(["contrib", "owner", "rev1", "rev2"]);
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
