/**
 * API token scopes and the permissions each one can unlock. A token's effective permissions
 * are the intersection of its owner's role (./permissions.ts) and the union of its scopes'
 * permissions below: a scope never grants more than the owner's role.
 */
import type { Role } from "@/generated/prisma/enums";
import { hasPermission, type Permission } from "./permissions";

export const API_SCOPES = ["gate:read", "systems:read", "systems:write", "evidence:write", "export:run", "audit:read"] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_PERMISSIONS = {
  // The deployment gate: may this artifact deploy? (answered by the approvals feature)
  "gate:read": ["gate:read", "system:read", "approval:read"],
  "systems:read": ["system:read", "checklist:read", "evidence:read", "library:read", "inventory:export", "threat:read", "incident:read", "approval:read"],
  "systems:write": [
    "system:read",
    "system:create",
    "system:update",
    "system:archive",
    "asset:write",
    "inventory:import",
    "checklist:read",
    "checklist:edit",
  ],
  "evidence:write": ["system:read", "checklist:read", "evidence:read", "evidence:add"],
  "export:run": ["system:read", "checklist:read", "evidence:read", "inventory:export", "export:run"],
  "audit:read": ["audit:read", "audit:verify"],
} as const satisfies Record<ApiScope, readonly Permission[]>;

export const SCOPE_LABELS = {
  "gate:read": "Ask the deployment gate",
  "systems:read": "Read systems, assets, checklists, threat models, evidence and incidents",
  "systems:write": "Create and change systems, assets and checklists",
  "evidence:write": "Add evidence",
  "export:run": "Run exports",
  "audit:read": "Read and verify the audit log",
} as const satisfies Record<ApiScope, string>;

/** True when one of `scopes` unlocks `permission` (the role is checked separately). */
export function scopesAllow(scopes: readonly ApiScope[], permission: Permission): boolean {
  return scopes.some((scope) => (SCOPE_PERMISSIONS[scope] as readonly Permission[]).includes(permission));
}

/**
 * The scopes a token owned by someone with `role` may carry: those whose every permission the
 * role has (a scope that the role could only partly use would promise more than it gives).
 * No role: none.
 */
export function scopesWithinRole(role: Role | null | undefined): ApiScope[] {
  return API_SCOPES.filter((scope) => SCOPE_PERMISSIONS[scope].every((permission) => hasPermission(role, permission)));
}
