import { describe, expect, it } from "vitest";
import { canonicalize, canonicalJson } from "./canonical-json";

describe("canonical JSON", () => {
  it("sorts keys at every depth, drops undefined members, keeps array order", () => {
    expect(canonicalJson({ b: [3, { d: 1, c: undefined, a: null }], a: new Date("2026-01-02T03:04:05Z") })).toBe('{"a":"2026-01-02T03:04:05.000Z","b":[3,{"a":null,"d":1}]}');
  });

  it("canonicalize gives equal data equal key order, so JSON.stringify compares them", () => {
    const fromDb = { when: { any: ["x"], always: false }, z: 1 };
    const fromFile = { z: 1, when: { always: false, any: ["x"] } };
    expect(JSON.stringify(canonicalize(fromDb))).toBe(JSON.stringify(canonicalize(fromFile)));
    expect(JSON.stringify(canonicalize(fromDb))).not.toBe(JSON.stringify(canonicalize({ ...fromFile, z: 2 })));
  });
});
