import { once } from "node:events";
import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, createUser, systemInput } from "@/test/factories";
import { createSystem } from "@/lib/systems/create-system";
import { updateChecklistItem } from "@/lib/checklists/update-item";
import { todayUtc } from "@/lib/evidence/rules";
import { dayStart } from "@/lib/home/providers";
import { reportIncident } from "@/lib/incidents/report";
import { deliverPendingEmails } from "./email";
import { notify } from "./notify";
import { listInbox, markRead, savePreferences, unreadCount } from "./queries";
import { scanExpiries } from "./scan";
import { NOTIFICATION_KINDS } from "./events";
import { ValidationError } from "@/lib/errors";

const t = useTestDatabase();

type Mail = { from: string; to: string[]; data: string };
const received: Mail[] = [];
let smtp: SMTPServer;
let port = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  smtp.listen(0, "127.0.0.1");
  await once(smtp.server, "listening");
  port = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const transport = () => nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });

describe("[NOTIFY] in-app inbox and email", () => {
  it("assigning an item notifies the assignee in the same transaction; a reviewer-only item in progress notifies reviewers; the inbox is the user's own", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const contributor = await createActor(t.db, "PRODUCT_OWNER");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const { id: systemId } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds: [contributor.id] }));
    const item = await t.db.checklistItem.findFirstOrThrow({ where: { checklist: { systemId }, applicable: true, control: { reviewerOnly: false } }, select: { id: true, rowVersion: true } });
    await updateChecklistItem({ actor: owner, db: t.db }, item.id, { expectedVersion: item.rowVersion, ownerId: contributor.id });
    const inbox = await listInbox({ actor: contributor, db: t.db }, {});
    expect(inbox.items.map((n) => n.href)).toEqual([`/systems/${systemId}/checklist?item=${item.id}`]);
    expect(await unreadCount({ actor: owner, db: t.db })).toBe(0);

    const rev = await t.db.checklistItem.findFirstOrThrow({ where: { checklist: { systemId }, applicable: true, control: { reviewerOnly: true } }, select: { id: true, rowVersion: true } });
    await updateChecklistItem({ actor: owner, db: t.db }, rev.id, { expectedVersion: rev.rowVersion, status: "IN_PROGRESS" });
    const forReviewer = await listInbox({ actor: reviewer, db: t.db }, {});
    expect(forReviewer.items.find((n) => n.href.endsWith(rev.id))).toBeTruthy();

    // Marking read touches only one's own rows.
    const theirs = forReviewer.items[0]!.id;
    expect(await markRead({ actor: contributor, db: t.db }, [theirs])).toBe(0);
    expect(await markRead({ actor: reviewer, db: t.db }, [theirs])).toBe(1);
  });

  it("a reported incident reaches every reviewer once (however many systems it names) and the systems' teams, not the reporter", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const contributor = await createActor(t.db, "PRODUCT_OWNER");
    const stranger = await createActor(t.db, "PRODUCT_OWNER");
    const reviewer = await createActor(t.db, "SECURITY_REVIEWER");
    const a = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds: [contributor.id] }));
    const b = await createSystem({ actor: owner, db: t.db }, systemInput());
    const { id } = await reportIncident({ actor: owner, db: t.db }, { title: "Assistant leaked history", category: "PROMPT_INJECTION", severity: "SEV2", systemIds: [a.id, b.id], detectedAt: new Date().toISOString().slice(0, 16), description: "Hidden instructions.", impact: "One customer saw another's history.", tags: [] });
    const reviewerInbox = (await listInbox({ actor: reviewer, db: t.db }, {})).items.filter((n) => n.href === `/incidents/${id}`);
    expect(reviewerInbox).toHaveLength(1);
    expect(reviewerInbox[0]!.title).toMatch(/^Incident reported \(SEV2\): INC-\d+ Assistant leaked history$/);
    expect((await listInbox({ actor: contributor, db: t.db }, {})).items.map((n) => n.href)).toContain(`/incidents/${id}`);
    expect((await listInbox({ actor: owner, db: t.db }, {})).items.map((n) => n.href)).not.toContain(`/incidents/${id}`);
    expect((await listInbox({ actor: stranger, db: t.db }, {})).items).toHaveLength(0);
  });

  it("a rolled-back change notifies nobody", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const other = await createActor(t.db, "PRODUCT_OWNER");
    const { id: systemId } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds: [other.id] }));
    await expect(
      t.db.$transaction(async (tx) => {
        await notify(tx, { kind: "review.due", systemId, dueOn: "2026-12-01" });
        throw new Error("rolled back");
      }, { timeout: 60_000 }),
    ).rejects.toThrow("rolled back");
    expect(await unreadCount({ actor: other, db: t.db })).toBe(0);
  });

  it("the scheduled scan notifies the team once per expiring evidence and due review, however often it runs", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const today = todayUtc();
    const { id: systemId } = await createSystem({ actor: owner, db: t.db }, systemInput({ nextReviewDue: dayStart(today, 5).toISOString().slice(0, 10) }));
    await t.db.evidence.create({ data: { systemId, kind: "NOTE", title: "Pen test 2026", noteBody: "x", effectiveDate: dayStart(today, -90), expiresAt: dayStart(today, 7), uploadedById: owner.id } });
    await Promise.all([scanExpiries(t.db, today), scanExpiries(t.db, today)]);
    await scanExpiries(t.db, today);
    const mine = (await listInbox({ actor: owner, db: t.db }, {})).items.filter((n) => n.href.startsWith(`/systems/${systemId}`));
    expect(mine.map((n) => n.title).sort()).toEqual([`Evidence expires on ${dayStart(today, 7).toISOString().slice(0, 10)}: Pen test 2026`, `Periodic review due on ${dayStart(today, 5).toISOString().slice(0, 10)}`]);
  });

  it("emails reach a real SMTP server once, respecting preferences; without SMTP nothing breaks", async () => {
    const owner = await createUser(t.db, "PRODUCT_OWNER", { email: "owner-mail@example.test", name: "Mail Owner" });
    const quiet = await createUser(t.db, "PRODUCT_OWNER", { email: "quiet@example.test", name: "Quiet Person" });
    const ownerActor = { kind: "user" as const, id: owner.id, email: owner.email, name: owner.name, role: owner.role };
    const quietActor = { kind: "user" as const, id: quiet.id, email: quiet.email, name: quiet.name, role: quiet.role };
    await savePreferences({ actor: quietActor, db: t.db }, []);
    // The change is audited once; saving the same choices again writes no event; an unknown kind is refused.
    const prefEvents = () => t.db.auditEvent.findMany({ where: { action: "user.notification_preferences_changed", entityId: quiet.id } });
    expect((await prefEvents()).map((e) => (e.summary as { emailOff: string[] }).emailOff.length)).toEqual([NOTIFICATION_KINDS.length]);
    await savePreferences({ actor: quietActor, db: t.db }, []);
    expect(await prefEvents()).toHaveLength(1);
    await expect(savePreferences({ actor: quietActor, db: t.db }, ["no.such_kind"])).rejects.toBeInstanceOf(ValidationError);
    const { id: systemId } = await createSystem({ actor: ownerActor, db: t.db }, systemInput({ contributorIds: [quiet.id] }));
    // Earlier tests left pending emails: send those first so this test counts its own.
    expect(await deliverPendingEmails(t.db, { transport: null })).toEqual({ sent: 0, failed: 0 });
    await deliverPendingEmails(t.db, { transport: transport(), baseUrl: "https://gov.example" , limit: 1000 });
    received.length = 0;

    await notify(t.db, { kind: "review.due", systemId, dueOn: "2027-01-15" });
    const [a, b] = await Promise.all([
      deliverPendingEmails(t.db, { transport: transport(), baseUrl: "https://gov.example", from: "Governance <gov@example.test>" }),
      deliverPendingEmails(t.db, { transport: transport(), baseUrl: "https://gov.example", from: "Governance <gov@example.test>" }),
    ]);
    expect(a.sent + b.sent).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["owner-mail@example.test"]);
    expect(received[0]!.from).toBe("gov@example.test");
    expect(received[0]!.data).toContain("Periodic review due on 2027-01-15");
    expect(received[0]!.data).toContain(`https://gov.example/systems/${systemId}`);
    // The quiet contributor still has it in the inbox.
    expect((await listInbox({ actor: quietActor, db: t.db }, {})).items.map((n) => n.title)).toEqual(["Periodic review due on 2027-01-15"]);
    const row = await t.db.notification.findFirstOrThrow({ where: { userId: owner.id } });
    expect(row.emailedAt).not.toBeNull();
  });

  it("a refused connection is recorded and retried later, not lost", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const other = await createActor(t.db, "PRODUCT_OWNER");
    const { id: systemId } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds: [other.id] }));
    await deliverPendingEmails(t.db, { transport: transport(), limit: 1000 });
    await notify(t.db, { kind: "review.due", systemId, dueOn: "2027-02-01" });
    const dead = nodemailer.createTransport({ host: "127.0.0.1", port: 1, secure: false, ignoreTLS: true, connectionTimeout: 2000 });
    const result = await deliverPendingEmails(t.db, { transport: dead });
    expect(result.failed).toBe(2);
    const rows = await t.db.notification.findMany({ where: { systemId } });
    expect(rows.every((r) => r.emailPending && r.emailError && r.emailAttempts === 1)).toBe(true);
    expect((await deliverPendingEmails(t.db, { transport: transport() })).sent).toBe(2);
  });
});
