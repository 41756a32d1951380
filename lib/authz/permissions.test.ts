import { describe, expect, it } from "vitest";
import { hasPermission, PERMISSIONS, ROLES, type Permission } from "./permissions";

// The full role × permission matrix, written out so any change to the table is deliberate.
const EXPECTED: Record<(typeof ROLES)[number], Permission[]> = {
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
    "threat:read",
    "gate:read",
    "incident:read",
    "incident:report",
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
    "incident:read",
    "approval:read",
  ],
};

describe("[AUTHZ] role permission matrix", () => {
  for (const role of ROLES) {
    for (const permission of PERMISSIONS) {
      const allowed = EXPECTED[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(hasPermission(role, permission)).toBe(allowed);
      });
    }
  }

  it("a user without a role (SSO, awaiting access) has no permission at all", () => {
    for (const permission of PERMISSIONS) expect(hasPermission(null, permission)).toBe(false);
  });

  it("auditors change nothing: every permission they hold is a read or export", () => {
    for (const p of EXPECTED.AUDITOR) expect(p).toMatch(/:(read|verify|export)$|^export:run$/);
  });

  it("only admins delete evidence and manage the control library; product owners never review", () => {
    expect(ROLES.filter((r) => hasPermission(r, "evidence:delete"))).toEqual(["ADMIN"]);
    expect(ROLES.filter((r) => hasPermission(r, "library:manage"))).toEqual(["ADMIN"]);
    expect(hasPermission("PRODUCT_OWNER", "checklist:review")).toBe(false);
  });
});
