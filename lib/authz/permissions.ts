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
  ],
  AUDITOR: ["system:read", "inventory:export", "audit:read", "audit:verify", "library:read", "checklist:read", "evidence:read", "threat:read"],
} as const satisfies Record<Role, readonly Permission[]>;

export const ROLE_LABELS = {
  ADMIN: "Admin",
  SECURITY_REVIEWER: "Security reviewer",
  PRODUCT_OWNER: "Product owner",
  AUDITOR: "Auditor",
} as const satisfies Record<Role, string>;

export function hasPermission(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
