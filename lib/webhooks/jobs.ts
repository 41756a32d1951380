/**
 * The webhooks' background job (registered in lib/jobs/registry.ts): one job per delivery.
 */
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { zId } from "@/lib/validation/fields";
import { deliverWebhook } from "./deliver";

/** Retries after the first attempt: 6 attempts in all. */
export const WEBHOOK_RETRY_LIMIT = 5;
/** The back-off's base, in seconds (pg-boss doubles it after each failure, with jitter). */
export const WEBHOOK_RETRY_DELAY_SECONDS = 30;

/**
 * Sends one delivery (`deliverWebhook`, ./deliver.ts). A failed attempt (network error, time-out,
 * a non-2xx answer) throws, so the queue retries it with exponential back-off: pg-boss waits
 * between `delay·2^n/2` and `delay·2^n` seconds before retry n (30-60 s, 1-2 min, 2-4 min,
 * 4-8 min, 8-16 min), WEBHOOK_RETRY_LIMIT times. A refused target (SSRF guard), a disabled or
 * deleted webhook or an undecryptable secret ends the delivery without retries. Each delivery
 * runs once however many instances work the queue (pg-boss hands a job to one worker); a
 * re-run after an instance died mid-attempt records a new attempt, never overwrites one.
 * Runs as a system actor with no permissions: it reads the delivery and writes its log only.
 * Not audited per attempt (the delivery log is the record; the admin's actions are audited).
 */
export const deliverWebhookJob = defineJob({
  name: "deliver-webhook",
  schema: z.object({ deliveryId: zId("The delivery") }),
  retryLimit: WEBHOOK_RETRY_LIMIT,
  retryDelaySeconds: WEBHOOK_RETRY_DELAY_SECONDS,
  retryBackoff: true,
  // An attempt takes at most ~15 s (DNS 5 s + HTTP 10 s); a job past 2 minutes died with its instance.
  expireInSeconds: 120,
  handler: async ({ deliveryId }, { ctx, attempt }) => deliverWebhook(ctx.db, deliveryId, { lastAttempt: attempt >= WEBHOOK_RETRY_LIMIT }),
});
