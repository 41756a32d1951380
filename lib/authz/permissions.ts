/**
 * Role → permission table. The single source of truth for what each role may do; resource
 * rules (e.g. "only systems you own") live in ./policy.ts.
 */
import type { Role } from "@/generated/prisma/enums";

export const ROLES = ["ADMIN", "SECURITY_REVIEWER", "PRODUCT_OWNER", "AUDITOR"] as const satisfies readonly Role[];

export const PERMISSIONS = [
  "system:read",
  "system:create",
  "system:update",
  "system:archive",
  "asset:write",
  "inventory:import",
  "inventory:export",
  "audit:read",
  "audit:verify",
  "user:manage",
  "library:read",
  "library:manage",
  "checklist:read",
  "checklist:edit",
  "checklist:review",
  "evidence:read",
  "evidence:add",
  "evidence:delete",
  "threat:read",
  "threat:edit",
  "threat:review",
  "settings:manage",
  "gate:read",
  "export:run",
  "token:manage",
  "incident:read",
  "incident:report",
  "incident:manage",
  "approval:read",
  "approval:request",
  "approval:decide",
  "webhook:manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS = {
  ADMIN: [...PERMISSIONS],
  SECURITY_REVIEWER: [
    "system:read",
    "inventory:export",
    "audit:read",
    "audit:verify",
    "library:read",
    "checklist:read",
    "checklist:edit",
    "checklist:review",
    "evidence:read",
    "evidence:add",
    "threat:read",
    "threat:edit",
    "threat:review",
    "gate:read",
    "export:run",
    "incident:read",
    "incident:report",
    "incident:manage",
    "approval:read",
    "approval:decide",
  ],
  // Product owners act only on systems they own or contribute to: see policy.ts.
  PRODUCT_OWNER: [
    "system:read",
    "system:create",
    "system:update",
    "system:archive",
    "asset:write",
    "inventory:import",
    "inventory:export",
    "library:read",
    "checklist:read",
    "checklist:edit",
    "evidence:read",
    "evidence:add",
    // Threat models: read-only for product owners (reviewers model the threats to their systems).
    "threat:read",
    "gate:read",
    // Incidents: report on and read incidents of their own systems (see lib/incidents/access.ts).
    "incident:read",
    "incident:report",
    // Deployment approvals: request for their systems, never decide (separation of duties).
    "approval:read",
    "approval:request",
  ],
  AUDITOR: [
    "system:read",
    "inventory:export",
    "audit:read",
    "audit:verify",
    "library:read",
    "checklist:read",
    "evidence:read",
    "threat:read",
    "gate:read",
    "export:run",
    // Auditors read incidents; they change nothing, so they do not report or annotate them.
    "incident:read",
    "approval:read",
  ],
} as const satisfies Record<Role, readonly Permission[]>;

export const ROLE_LABELS = {
  ADMIN: "Admin",
  SECURITY_REVIEWER: "Security reviewer",
  PRODUCT_OWNER: "Product owner",
  AUDITOR: "Auditor",
} as const satisfies Record<Role, string>;

/**
 * What each permission lets someone do, as the end of "Your role may not …". Used in refusal
 * messages, so they read as English ("manage control library versions", never "manage librarys").
 */
export const PERMISSION_LABELS = {
  "system:read": "read AI systems",
  "system:create": "register AI systems",
  "system:update": "edit AI systems",
  "system:archive": "archive AI systems",
  "asset:write": "change a system's assets",
  "inventory:import": "import assets",
  "inventory:export": "export the inventory",
  "audit:read": "read the audit log",
  "audit:verify": "verify the audit log",
  "user:manage": "manage users",
  "library:read": "read the control library",
  "library:manage": "manage control library versions",
  "checklist:read": "read checklists",
  "checklist:edit": "work on checklists",
  "checklist:review": "take reviewer decisions on checklists",
  "evidence:read": "read evidence",
  "evidence:add": "add evidence",
  "evidence:delete": "delete evidence",
  "threat:read": "read threat models",
  "threat:edit": "edit threat models",
  "threat:review": "review threat models and accept risks",
  "settings:manage": "change instance settings",
  "gate:read": "ask the deployment gate",
  "export:run": "run exports",
  "token:manage": "manage API tokens",
  "incident:read": "read incidents",
  "incident:report": "report incidents",
  "incident:manage": "run incidents (triage, contain, notify, close)",
  "approval:read": "read deployment approval requests",
  "approval:request": "request deployment approvals",
  "approval:decide": "decide deployment approval requests",
  "webhook:manage": "manage outgoing webhooks",
} as const satisfies Record<Permission, string>;

/** Role-table check only. Services use `can(actor, …)` in ./policy.ts, which also applies token scopes. */
export function hasPermission(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
