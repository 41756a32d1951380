import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/create-client";

/** Attempts per notification email before it is given up (the inbox row stays). */
export const MAX_EMAIL_ATTEMPTS = 5;

/** A transport for `SMTP_URL` (e.g. smtp://user:pass@mail.example:587), or null when unset. */
export function smtpTransport(url: string | undefined = getConfig().SMTP_URL): Transporter | null {
  return url ? nodemailer.createTransport(url) : null;
}

/**
 * Sends the emails of notifications marked for email, oldest first, up to `limit`. Rows are
 * claimed with FOR UPDATE SKIP LOCKED and unmarked before sending, so several app instances
 * (or job workers) never send one email twice; a failed send is marked again until
 * MAX_EMAIL_ATTEMPTS. Without a transport (no SMTP configured) it does nothing: the inbox
 * still has every notification.
 *
 * @returns how many were sent and how many failed.
 */
export async function deliverPendingEmails(db: Db, opts: { transport?: Transporter | null; from?: string; baseUrl?: string; limit?: number } = {}) {
  const transport = opts.transport === undefined ? smtpTransport() : opts.transport;
  if (!transport) return { sent: 0, failed: 0 };
  const cfg = getConfig();
  const from = opts.from ?? cfg.SMTP_FROM ?? "AI Governance <no-reply@localhost>";
  const base = (opts.baseUrl ?? cfg.AUTH_URL ?? "").replace(/\/$/, "");
  const claimed = await db.$queryRaw<{ id: string; title: string; body: string; href: string; email: string; name: string; emailAttempts: number }[]>`
    UPDATE "Notification" n SET "emailPending" = false, "emailAttempts" = n."emailAttempts" + 1
    FROM "User" u
    WHERE n.id IN (
      SELECT id FROM "Notification" WHERE "emailPending" ORDER BY "createdAt", id LIMIT ${opts.limit ?? 50} FOR UPDATE SKIP LOCKED
    ) AND u.id = n."userId"
    RETURNING n.id, n.title, n.body, n.href, u.email, u.name, n."emailAttempts"`;
  let sent = 0;
  let failed = 0;
  for (const n of claimed) {
    const link = `${base}${n.href}`;
    try {
      await transport.sendMail({
        from,
        to: { name: n.name, address: n.email },
        subject: n.title,
        text: `${n.title}\n\n${n.body ? `${n.body}\n\n` : ""}Open: ${link}\n\nYou can turn these emails off under Inbox → Email preferences.`,
      });
      await db.notification.update({ where: { id: n.id }, data: { emailedAt: new Date(), emailError: null } });
      sent++;
    } catch (error) {
      failed++;
      await db.notification.update({
        where: { id: n.id },
        data: { emailPending: n.emailAttempts < MAX_EMAIL_ATTEMPTS, emailError: String(error instanceof Error ? error.message : error).slice(0, 500) },
      });
    }
  }
  return { sent, failed };
}
