import { describe, expect, it } from "vitest";
import { derivePepper, displayPrefix, generateTokenSecret, hashTokenSecret, isWellFormedToken, TOKEN_PREFIX } from "./secret";

describe("[TOKENS] secret format and hashing", () => {
  it("generates aigov_-prefixed base62 secrets with a valid checksum, all different", () => {
    const secrets = Array.from({ length: 200 }, generateTokenSecret);
    for (const s of secrets) {
      expect(s).toMatch(/^aigov_[0-9A-Za-z]{42}$/);
      expect(isWellFormedToken(s)).toBe(true);
    }
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it("refuses a changed character, a wrong prefix, a wrong length and random text before any lookup", () => {
    const s = generateTokenSecret();
    const flipped = s.slice(0, 10) + (s[10] === "a" ? "b" : "a") + s.slice(11);
    expect(isWellFormedToken(flipped)).toBe(false);
    expect(isWellFormedToken(s.replace(TOKEN_PREFIX, "ghp_xx"))).toBe(false);
    expect(isWellFormedToken(s.slice(0, -1))).toBe(false);
    expect(isWellFormedToken(`${s}x`)).toBe(false);
    expect(isWellFormedToken("aigov_" + "a".repeat(42))).toBe(false);
    expect(isWellFormedToken("")).toBe(false);
  });

  it("hashes with the pepper: deterministic for one pepper, different for another, never the secret itself", () => {
    const s = generateTokenSecret();
    const p1 = derivePepper({ AUTH_SECRET: "x".repeat(40) });
    const p2 = derivePepper({ AUTH_SECRET: "y".repeat(40) });
    expect(hashTokenSecret(s, p1)).toBe(hashTokenSecret(s, p1));
    expect(hashTokenSecret(s, p1)).not.toBe(hashTokenSecret(s, p2));
    expect(hashTokenSecret(s, p1)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashTokenSecret(s, p1)).not.toContain(s.slice(6));
  });

  it("prefers API_TOKEN_PEPPER, derives from AUTH_SECRET otherwise, and refuses when neither is set", () => {
    expect(derivePepper({ API_TOKEN_PEPPER: "p".repeat(32), AUTH_SECRET: "x".repeat(40) }).toString()).toBe("p".repeat(32));
    expect(derivePepper({ AUTH_SECRET: "x".repeat(40) })).toHaveLength(32);
    // The derived pepper is not the session secret itself.
    expect(derivePepper({ AUTH_SECRET: "x".repeat(40) }).toString()).not.toContain("x".repeat(32));
    expect(() => derivePepper({})).toThrow(/AUTH_SECRET/);
  });

  it("shows only the prefix and six characters in lists", () => {
    const s = generateTokenSecret();
    expect(displayPrefix(s)).toBe(s.slice(0, 12));
    expect(displayPrefix(s)).toHaveLength(12);
  });
});
