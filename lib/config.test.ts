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

describe("[CONFIG] sign-in and session settings", () => {
  it("trusts no proxy by default and has bounded session and back-off defaults", () => {
    const cfg = parseConfig({});
    expect(cfg.TRUSTED_PROXIES).toEqual([]);
    expect(cfg).toMatchObject({ SESSION_MAX_AGE_HOURS: 12, LOGIN_BACKOFF_AFTER: 10, LOGIN_BACKOFF_MAX_MINUTES: 15 });
  });

  it("parses IPs and CIDR ranges of both families", () => {
    expect(parseConfig({ TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.5 ,fd00::/8,::1" }).TRUSTED_PROXIES).toEqual([
      { address: "10.0.0.0", prefix: 8, family: "ipv4" },
      { address: "192.168.1.5", prefix: 32, family: "ipv4" },
      { address: "fd00::", prefix: 8, family: "ipv6" },
      { address: "::1", prefix: 128, family: "ipv6" },
    ]);
  });

  it("names a bad proxy entry", () => {
    for (const bad of ["10.0.0.0/33", "proxy.local", "10.0.0.1/8/1", "10.0.0.0/", "::1/129", "10.0.0.0/-1", "1.2.3"]) {
      expect(() => parseConfig({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES: .*IP addresses or CIDR/);
    }
  });

  it("refuses a session age outside 1 hour .. 30 days", () => {
    expect(() => parseConfig({ SESSION_MAX_AGE_HOURS: "0" })).toThrow(/SESSION_MAX_AGE_HOURS/);
    expect(() => parseConfig({ SESSION_MAX_AGE_HOURS: "721" })).toThrow(/SESSION_MAX_AGE_HOURS/);
  });
});
