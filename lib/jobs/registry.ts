/**
 * Every background job the app runs. A definition not listed here has no queue and no worker
 * (`enqueueJob` fails for it). Add one line per job, keep the others.
 */
import { expireApprovalsJob } from "@/lib/approvals/jobs";
import { pruneExpiredSessionsJob, pruneLoginFailuresJob } from "@/lib/auth/jobs";
import { buildEvidencePackJob, expireEvidencePacksJob } from "@/lib/exports/pack/jobs";
import { gateFoldJob } from "@/lib/gate/jobs";
import { deliverEmailsJob, scanExpiriesJob } from "@/lib/notifications/jobs";
import { deliverWebhookJob } from "@/lib/webhooks/jobs";
import type { JobDefinition } from "./define";

export const JOBS: readonly JobDefinition[] = [
  pruneLoginFailuresJob,
  pruneExpiredSessionsJob,
  gateFoldJob,
  expireApprovalsJob,
  scanExpiriesJob,
  deliverEmailsJob,
  buildEvidencePackJob,
  expireEvidencePacksJob,
  deliverWebhookJob,
];
