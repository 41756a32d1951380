/**
 * What the home page asks of each feature. A feature that lands later (approvals, incidents,
 * notifications) adds its task list as one `TaskProvider` object to `TASK_PROVIDERS`, and its
 * portfolio figures as one `PostureSection` to `POSTURE_SECTIONS`; the page, the `/tasks/<key>`
 * list and the count-equals-list test pick them up without further change.
 */
import {
  acceptancesExpiring,
  assignedItems,
  changesSince,
  evidenceExpiring,
  exceptionsInForce,
  expiredEvidenceReliedOn,
  reviewerDecisions,
  reviewsDue,
  threatModelReviews,
  usersAwaitingAccess,
  waitingOnReviewer,
} from "./providers";
import { approvalExceptionsInForce, approvalsInProgress, approvalsPosture, approvalsSentBack, approvalsToDecide, systemsWithoutApproval } from "./approvals";
import { incidentsILead, notificationDutiesDue, openIncidentsPosture } from "./incidents";
import type { PostureSection, TaskProvider } from "./types";

/** In the order they appear on a person's home page (most pressing kinds first). */
export const TASK_PROVIDERS: readonly TaskProvider[] = [
  // Requests and decisions waiting for the person.
  approvalsToDecide,
  approvalsSentBack,
  reviewerDecisions,
  threatModelReviews,
  notificationDutiesDue,
  incidentsILead,
  usersAwaitingAccess,
  // Their own work.
  assignedItems,
  waitingOnReviewer,
  approvalsInProgress,
  reviewsDue,
  evidenceExpiring,
  acceptancesExpiring,
  // Auditor's questions.
  changesSince,
  expiredEvidenceReliedOn,
  exceptionsInForce,
  approvalExceptionsInForce,
  systemsWithoutApproval,
];

/** Portfolio figures contributed by later features (approvals, incidents). */
export const POSTURE_SECTIONS: readonly PostureSection[] = [approvalsPosture, openIncidentsPosture];
