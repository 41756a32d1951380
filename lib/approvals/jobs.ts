/**
 * The approvals' background job (registered in lib/jobs/registry.ts).
 */
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { expireApprovals } from "./expire-approvals";

/**
 * Daily at 00:05 UTC: every APPROVED request whose expiry has passed becomes EXPIRED (one
 * transaction and one `approval.expired` audit event per request, by `job:expire-approvals`),
 * and a system left without an approval goes back to IN_REVIEW. The gate already refuses an
 * expired approval on its own; this keeps the stored state and the pages in step with it.
 * Runs as a system actor holding only `approval:decide`.
 */
export const expireApprovalsJob = defineJob({
  name: "expire-approvals",
  schema: z.object({}),
  cron: "5 0 * * *",
  permissions: ["approval:decide"],
  policy: "singleton",
  retryLimit: 2,
  handler: async (_data, { ctx }) => expireApprovals(ctx),
});
