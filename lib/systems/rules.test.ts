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
    expect(decodeCursor(encodeCursor(c), "name")).toEqual(c);
    expect(decodeCursor("not-base64-json", "name")).toBeNull();
    expect(decodeCursor(Buffer.from('{"v":1,"id":2}').toString("base64url"), "name")).toBeNull();
  });

  it("[BAD INPUT] a crafted cursor whose value does not fit the sort restarts from the first page", () => {
    const craft = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    expect(decodeCursor(craft({ v: "2026-11-30T10:00:00.000Z", id: "abc" }), "updated")).toEqual({ v: "2026-11-30T10:00:00.000Z", id: "abc" });
    expect(decodeCursor(craft({ v: "not a date", id: "abc" }), "updated")).toBeNull();
    expect(decodeCursor(craft({ v: "+275760-09-13T00:00:00.000Z", id: "abc" }), "updated")).toBeNull();
    expect(decodeCursor(craft({ v: "HIGH", id: "abc" }), "tier")).toEqual({ v: "HIGH", id: "abc" });
    expect(decodeCursor(craft({ v: "EXTREME", id: "abc" }), "tier")).toBeNull();
    expect(decodeCursor(craft({ v: null, id: "abc" }), "review")).toEqual({ v: null, id: "abc" });
    expect(decodeCursor(craft({ v: "2027-02-30", id: "abc" }), "review")).toBeNull();
    expect(decodeCursor(craft({ v: "0000-01-01", id: "abc" }), "review")).toBeNull();
    expect(decodeCursor(craft({ v: "a\u0000b", id: "abc" }), "name")).toBeNull();
    expect(decodeCursor(craft({ v: "\ud800", id: "abc" }), "name")).toBeNull();
    expect(decodeCursor(craft({ v: "Zeta", id: "a\u0000b" }), "name")).toBeNull();
    expect(decodeCursor(craft({ v: "Zeta", id: { $gt: "" } }), "name")).toBeNull();
    expect(decodeCursor(craft(["Zeta", "abc"]), "name")).toBeNull();
  });

  it("diffFields reports only changed fields, arrays compared as sets", () => {
    expect(diffFields<Record<string, unknown>>({ a: 1, b: ["x", "y"], c: null }, { a: 1, b: ["y", "x"], c: "new" })).toEqual({ c: { from: null, to: "new" } });
  });
});
