import { describe, expect, it } from "vitest";
import { roleFromClaim } from "./oidc-roles";

describe("[AUTH] OIDC claim → role", () => {
  const mapping = { "ai-sec": "SECURITY_REVIEWER", "ai-admins": "ADMIN", "ai-po": "PRODUCT_OWNER" } as const;
  it("no match means no access", () => {
    expect(roleFromClaim(["staff"], mapping)).toBeNull();
    expect(roleFromClaim(undefined, mapping)).toBeNull();
  });
  it("a string claim or a list both work; the most privileged match wins", () => {
    expect(roleFromClaim("ai-po", mapping)).toBe("PRODUCT_OWNER");
    expect(roleFromClaim(["ai-po", "ai-sec"], mapping)).toBe("SECURITY_REVIEWER");
    expect(roleFromClaim(["ai-po", "ai-admins"], mapping)).toBe("ADMIN");
  });
});
