import { describe, expect, it } from "vitest";
import type { Actor } from "./actor";
import { assertCan, canArchiveSystem, canEditSystem, canSeeSystem, systemScopeWhere } from "./policy";

const actor = (role: Actor["role"], id = "u1"): Actor => ({ kind: "user", id, email: `${id}@x.test`, name: id, role });
const owned = { ownerId: "u1", contributorIds: ["u2"] };
const foreign = { ownerId: "u9", contributorIds: [] };

describe("[AUTHZ] system policies", () => {
  it("product owners see and edit only systems they own or contribute to", () => {
    expect(canSeeSystem(actor("PRODUCT_OWNER"), owned)).toBe(true);
    expect(canSeeSystem(actor("PRODUCT_OWNER", "u2"), owned)).toBe(true);
    expect(canSeeSystem(actor("PRODUCT_OWNER"), foreign)).toBe(false);
    expect(canEditSystem(actor("PRODUCT_OWNER", "u2"), owned)).toBe(true);
    expect(canEditSystem(actor("PRODUCT_OWNER"), foreign)).toBe(false);
  });

  it("only the owner (not a contributor) or an admin archives", () => {
    expect(canArchiveSystem(actor("PRODUCT_OWNER"), owned)).toBe(true);
    expect(canArchiveSystem(actor("PRODUCT_OWNER", "u2"), owned)).toBe(false);
    expect(canArchiveSystem(actor("ADMIN", "u7"), foreign)).toBe(true);
  });

  it("reviewers and auditors see every system but edit none", () => {
    for (const role of ["SECURITY_REVIEWER", "AUDITOR"] as const) {
      expect(canSeeSystem(actor(role, "u5"), foreign)).toBe(true);
      expect(canEditSystem(actor(role, "u1"), owned)).toBe(false);
      expect(canArchiveSystem(actor(role, "u1"), owned)).toBe(false);
    }
  });

  it("the list scope for a product owner is a where-clause on owner or contributor", () => {
    expect(systemScopeWhere(actor("PRODUCT_OWNER"))).toEqual({
      OR: [{ ownerId: "u1" }, { contributors: { some: { userId: "u1" } } }],
    });
    expect(systemScopeWhere(actor("AUDITOR"))).toEqual({});
    expect(systemScopeWhere(actor(null))).toEqual({ id: { in: [] } });
  });

  it("assertCan refuses a missing actor and a role without the permission", () => {
    expect(() => assertCan(null, "system:read")).toThrow(/Sign in/);
    expect(() => assertCan(actor("AUDITOR"), "system:create")).toThrow(/may not/);
    expect(() => assertCan(actor("PRODUCT_OWNER"), "system:create")).not.toThrow();
  });
});
