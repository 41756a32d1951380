import { describe, expect, it } from "vitest";
import { issueDeviceToken, readCookie, verifyDeviceToken } from "./device-cookie";

const SECRET = "x".repeat(40);

describe("[AUTH] known-device cookies", () => {
  it("a token vouches for the email it was issued for, with this secret only", () => {
    const token = issueDeviceToken("Ada@Example.test", SECRET);
    const id = verifyDeviceToken(token, "ada@example.test", SECRET);
    expect(id).toMatch(/^[\w-]{16,64}$/);
    expect(token.startsWith(`${id}.`)).toBe(true);
    expect(verifyDeviceToken(token, "eve@example.test", SECRET)).toBeNull();
    expect(verifyDeviceToken(token, "ada@example.test", "y".repeat(40))).toBeNull();
    expect(verifyDeviceToken(token, "ada@example.test", undefined)).toBeNull();
  });

  it("refuses tampered and malformed values", () => {
    const token = issueDeviceToken("ada@example.test", SECRET);
    const [id, sig] = token.split(".");
    const otherId = issueDeviceToken("ada@example.test", SECRET).split(".")[0];
    for (const bad of [`${otherId}.${sig}`, `${id}.${sig}x`, `${id}`, `${id}.${sig}.x`, "", "a.b", `${"a".repeat(300)}.b`, `../..${sig}`]) {
      expect(verifyDeviceToken(bad, "ada@example.test", SECRET), bad).toBeNull();
    }
  });

  it("reads one cookie from a Cookie header", () => {
    expect(readCookie("a=1; aigov-device=abc.def; b=2", "aigov-device")).toBe("abc.def");
    expect(readCookie("x-aigov-device=1", "aigov-device")).toBeUndefined();
    expect(readCookie(null, "aigov-device")).toBeUndefined();
  });
});
