/**
 * The gate's background job (registered in lib/jobs/registry.ts). Each gate call already asks
 * its own process to seal its row within a second (`scheduleGateFold`, ./fold.ts: a per-process
 * timer, kept off the queue so the gate's hot path stays one insert). This job is the backstop:
 * rows left unsealed by an instance that stopped before its timer fired, or whose fold failed,
 * are sealed by the next slot, on whichever instance runs workers.
 */
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { foldAllGateChecks, GATE_FOLD_JOB } from "./fold";

/**
 * Every minute: seals every unsealed GateCheck row into the audit chain (one
 * `gate.checks_recorded` event per batch, by `job:gate-fold`, as the in-process fold does).
 * The fold itself is the audit record, so the job does not add `job.completed` events.
 */
export const gateFoldJob = defineJob({
  name: GATE_FOLD_JOB,
  schema: z.object({}),
  cron: "* * * * *",
  // One fold at a time is enough (folds serialise on an advisory lock anyway).
  policy: "singleton",
  retryLimit: 1,
  retryDelaySeconds: 10,
  expireInSeconds: 600,
  handler: async (_data, { ctx }) => ({ sealed: await foldAllGateChecks(ctx.db) }),
});
