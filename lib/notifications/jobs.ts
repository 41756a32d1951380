/**
 * The notifications' background jobs (registered in lib/jobs/registry.ts). Neither writes an
 * audit event: the notifications themselves are the record, and the changes they report were
 * audited when they happened.
 */
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { deliverPendingEmails } from "./email";
import { scanExpiries } from "./scan";

/**
 * Daily at 06:10 UTC: notifies about evidence and risk acceptances expiring within WARN_DAYS,
 * periodic reviews due or overdue, and approvals expiring within 30 days (a notice at 30 and at
 * 7 days) (`scanExpiries`; de-duplicated, so a second run or a second instance adds nothing).
 * @returns the number created per kind.
 */
export const scanExpiriesJob = defineJob({
  name: "scan-expiries",
  schema: z.object({}),
  cron: "10 6 * * *",
  policy: "singleton",
  retryLimit: 2,
  handler: async (_data, { ctx }) => scanExpiries(ctx.db),
});

/**
 * Every minute: emails the notifications marked for email (`deliverPendingEmails`: rows claimed
 * with SKIP LOCKED, so instances never send one twice; nothing happens when SMTP_URL is unset).
 * @returns counts sent and failed.
 */
export const deliverEmailsJob = defineJob({
  name: "deliver-emails",
  schema: z.object({}),
  cron: "* * * * *",
  policy: "singleton",
  retryLimit: 1,
  expireInSeconds: 300,
  handler: async (_data, { ctx }) => deliverPendingEmails(ctx.db),
});
