import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { systemActor } from "./actor";
import { PERMISSIONS, ROLES, hasPermission } from "./permissions";
import { assertCan, can } from "./policy";
import { API_SCOPES, SCOPE_PERMISSIONS, scopesWithinRole } from "./scopes";

const token = (role: Actor["role"], scopes: (typeof API_SCOPES)[number][]): Actor => ({
  kind: "token",
  id: "owner",
  email: "owner@x.test",
  name: "Owner",
  role,
  token: { id: "t1", name: "ci", scopes },
});

describe("[AUTHZ] API token scopes never grant more than the owner's role", () => {
  for (const role of ROLES) {
    it(`a ${role}'s token with every scope can do exactly what both its role and a scope allow`, () => {
      const actor = token(role, [...API_SCOPES]);
      for (const permission of PERMISSIONS) {
        const byScope = API_SCOPES.some((s) => (SCOPE_PERMISSIONS[s] as readonly string[]).includes(permission));
        expect(can(actor, permission)).toBe(hasPermission(role, permission) && byScope);
      }
    });
  }

  it("an admin's systems:read token reads but cannot write, and says it is the scope that refuses", () => {
    const actor = token("ADMIN", ["systems:read"]);
    expect(can(actor, "system:read")).toBe(true);
    expect(can(actor, "system:create")).toBe(false);
    expect(() => assertCan(actor, "system:create")).toThrow(/token's scopes/);
  });

  it("a reviewer's systems:write token cannot create systems (reviewers cannot), and says it is the role", () => {
    const actor = token("SECURITY_REVIEWER", ["systems:write"]);
    expect(can(actor, "system:create")).toBe(false);
    expect(() => assertCan(actor, "system:create")).toThrow(/Your role may not register AI systems/);
  });

  it("no scope unlocks user or token management", () => {
    for (const scope of API_SCOPES) {
      expect(SCOPE_PERMISSIONS[scope]).not.toContain("user:manage");
      expect(SCOPE_PERMISSIONS[scope]).not.toContain("token:manage");
      expect(SCOPE_PERMISSIONS[scope]).not.toContain("library:manage");
    }
  });

  it("a token whose owner lost their role can do nothing", () => {
    const actor = token(null, [...API_SCOPES]);
    for (const permission of PERMISSIONS) expect(can(actor, permission)).toBe(false);
  });

  it("the system actor (a job) can do only what its job lists", () => {
    const job = systemActor("prune", ["audit:read"]);
    expect(can(job, "audit:read")).toBe(true);
    expect(can(job, "system:read")).toBe(false);
    expect(job.id).toBe("system:prune");
  });
});

describe("scopesWithinRole: the scopes the token form offers", () => {
  it("offers an admin every scope, an auditor no write scope, nobody without a role anything", () => {
    expect(scopesWithinRole("ADMIN")).toEqual([...API_SCOPES]);
    expect(scopesWithinRole("AUDITOR")).not.toContain("systems:write");
    expect(scopesWithinRole("AUDITOR")).toContain("systems:read");
    expect(scopesWithinRole(null)).toEqual([]);
  });

  for (const role of ROLES) {
    it(`every scope offered to a ${role} is fully within the role`, () => {
      for (const scope of scopesWithinRole(role)) {
        for (const permission of SCOPE_PERMISSIONS[scope]) expect(hasPermission(role, permission)).toBe(true);
      }
    });
  }
});
