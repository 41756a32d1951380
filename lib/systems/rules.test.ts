import { describe, expect, it } from "vitest";
import { canTransition, decodeCursor, diffFields, encodeCursor, slugify } from "./rules";

describe("[SYSTEMS] rules", () => {
  it("slugify makes URL-safe slugs", () => {
    expect(slugify("  Support Assistant (EU) v2 ")).toBe("support-assistant-eu-v2");
    expect(slugify("Übersetzer — Café")).toBe("ubersetzer-cafe");
    expect(slugify("!!!")).toBe("system");
  });

  it("lifecycle follows the design's transitions", () => {
    expect(canTransition("DRAFT", "IN_REVIEW")).toBe(true);
    expect(canTransition("DRAFT", "DEPLOYED")).toBe(false);
    expect(canTransition("DEPLOYED", "PAUSED")).toBe(true);
    expect(canTransition("PAUSED", "DEPLOYED")).toBe(true);
    expect(canTransition("RETIRED", "DRAFT")).toBe(false);
    expect(canTransition("RETIRED", "RETIRED")).toBe(true);
  });

  it("cursors round-trip and garbage decodes to null", () => {
    const c = { v: "Zeta", id: "abc" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor("not-base64-json")).toBeNull();
    expect(decodeCursor(Buffer.from('{"v":1,"id":2}').toString("base64url"))).toBeNull();
  });

  it("diffFields reports only changed fields, arrays compared as sets", () => {
    expect(diffFields<Record<string, unknown>>({ a: 1, b: ["x", "y"], c: null }, { a: 1, b: ["y", "x"], c: "new" })).toEqual({ c: { from: null, to: "new" } });
  });
});
