/**
 * Housekeeping jobs for sign-in records (registered in lib/jobs/registry.ts). Neither writes
 * an audit event: they delete rows that have expired by rule, every hour, and an event per
 * run would bury the chain in noise.
 */
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { pruneLoginFailures } from "./rate-limit";
import { pruneExpiredSessions } from "./session-store";

/** Hourly (at :17 UTC): drops `LoginFailure` rows older than any rate-limit window. */
export const pruneLoginFailuresJob = defineJob({
  name: "prune-login-failures",
  schema: z.object({}),
  cron: "17 * * * *",
  retryLimit: 1,
  handler: async (_data, { ctx }) => {
    await pruneLoginFailures(ctx.db);
  },
});

/** Hourly (at :23 UTC): drops `AuthSession` rows past their maximum age. */
export const pruneExpiredSessionsJob = defineJob({
  name: "prune-expired-sessions",
  schema: z.object({}),
  cron: "23 * * * *",
  retryLimit: 1,
  handler: async (_data, { ctx }) => ({ deleted: await pruneExpiredSessions(ctx.db) }),
});
