import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("[CONFIG] environment parsing", () => {
  it("applies defaults for an empty environment", () => {
    const cfg = parseConfig({});
    expect(cfg).toMatchObject({ PORT: 3000, DEMO_MODE: false, LOGIN_MAX_FAILURES: 10, LOGIN_WINDOW_MINUTES: 15 });
    expect(cfg.OIDC_ROLE_MAPPING).toEqual({});
  });

  it("names the variable that is wrong", () => {
    expect(() => parseConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => parseConfig({ PORT: "eighty" })).toThrow(/PORT/);
    expect(() => parseConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseConfig({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET/);
    expect(() => parseConfig({ DEMO_MODE: "maybe" })).toThrow(/DEMO_MODE/);
  });

  it("requires the whole OIDC triple once any part is set", () => {
    try {
      parseConfig({ OIDC_ISSUER: "https://idp.example.test" });
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).issues.join("\n")).toMatch(/OIDC_CLIENT_ID.*required/);
      expect((e as ConfigError).issues.join("\n")).toMatch(/OIDC_CLIENT_SECRET.*required/);
    }
  });

  it("parses the claim → role mapping and rejects unknown roles", () => {
    expect(parseConfig({ OIDC_ROLE_MAPPING: "sec=SECURITY_REVIEWER, audit=AUDITOR" }).OIDC_ROLE_MAPPING).toEqual({
      sec: "SECURITY_REVIEWER",
      audit: "AUDITOR",
    });
    expect(() => parseConfig({ OIDC_ROLE_MAPPING: "sec=ROOT" })).toThrow(/OIDC_ROLE_MAPPING/);
  });
});
