/**
 * The closed list of audit actions and the record types they name. `appendAudit` refuses any
 * other value, which fails the surrounding transaction: a typo in an action name fails a test,
 * not an auditor. A feature that writes a new kind of event adds its name here (and, for the
 * history pages, a sentence in the event renderer).
 *
 * Names are `<entity>.<past-tense verb>`; they are stored in `AuditEvent.action` and hashed
 * into the chain, so a name, once shipped, is never renamed.
 */
import { z } from "zod";

export const AUDIT_ACTIONS = [
  // Sign-in and accounts
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "user.created",
  "user.created_by_sso",
  "user.sso_linked",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.password_changed",
  "user.password_reset",
  "user.notification_preferences_changed",
  // API tokens
  "token.created",
  "token.revoked",
  "token.denied",
  // Inventory
  "system.created",
  "system.updated",
  "system.archived",
  "system.restored",
  "system.reviewed",
  "system.review_rescheduled",
  "system.lifecycle_changed",
  "asset.created",
  "asset.updated",
  "asset.deleted",
  "asset.imported",
  "inventory.exported",
  // Control library
  "library.published",
  "library.seeded",
  "library.downloaded",
  // Checklists and evidence
  "checklist.created",
  "checklist.item_updated",
  "checklist.evidence_linked",
  "checklist.evidence_unlinked",
  "checklist.recomputed",
  "checklist.upgraded",
  "checklist.review_requested",
  "evidence.added",
  "evidence.deleted",
  "evidence.downloaded",
  // Threat models
  "threat_model.draft_started",
  "threat_model.updated",
  "threat_model.flow_added",
  "threat_model.flow_updated",
  "threat_model.flow_deleted",
  "threat_model.suggestion_dismissed",
  "threat_model.suggestion_restored",
  "threat_model.submitted",
  "threat_model.returned",
  "threat_model.reviewed",
  "threat_model.superseded",
  "threat_model.discarded",
  "threat_model.imported",
  "threat_model.exported",
  "threat.added",
  "threat.updated",
  "threat.removed",
  "threat.risk_accepted",
  // Incidents and decommissioning
  "incident.reported",
  "incident.updated",
  "incident.escalated",
  "incident.entry_added",
  "incident.status_changed",
  "incident.reopened",
  "incident.system_paused",
  "incident.system_resumed",
  "incident.notification_done",
  "incident.notification_added",
  "incident.follow_up_opened",
  "incident.advisory_exported",
  "incidents.exported",
  "system.retirement_signed",
  // Exports (evidence packs)
  "export.requested",
  "export.pack_created",
  "export.downloaded",
  "export.list_exported",
  // Deployment approvals
  "approval.opened",
  "approval.submitted",
  "approval.withdrawn",
  "approval.decided",
  "approval.approved",
  "approval.exception_granted",
  "approval.revoked",
  "approval.expired",
  "approval.stale",
  "approval_policy.updated",
  "environment.added",
  "environment.archived",
  // Audit log
  "audit.exported",
  // Instance settings
  "settings.updated",
  // Outgoing webhooks (lib/webhooks)
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
  "webhook.secret_rotated",
  "webhook.test_sent",
  // Instance signing key (lib/signing)
  "signing_key.created",
  "signing_key.rotated",
  // Deployment gate (lib/gate): one event per folded batch of gate checks
  "gate.checks_recorded",
  // Jobs
  "job.completed",
  "job.failed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The record types audit events point at (`AuditEvent.entityType`). */
export const AUDIT_ENTITY_TYPES = [
  "User",
  "ApiToken",
  "AiSystem",
  "Asset",
  "Inventory",
  "ControlLibraryVersion",
  "Checklist",
  "ChecklistItem",
  "Evidence",
  "ThreatModel",
  "Threat",
  "InstanceSetting",
  "AuditLog",
  "Job",
  "SigningKey",
  "GateCheck",
  "Incident",
  "Export",
  "ApprovalRequest",
  "ApprovalPolicy",
  "DeploymentEnvironment",
  "Webhook",
] as const;

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const ZAuditAction = z.enum(AUDIT_ACTIONS);
export const ZAuditEntityType = z.enum(AUDIT_ENTITY_TYPES);
