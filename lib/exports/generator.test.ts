import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nameUuid } from "./aibom";
import { GENERATOR } from "./generator";

describe("[EXPORTS] generator and identifiers", () => {
  it("the generator version written into exports is package.json's version", () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../package.json"), "utf8")) as { version: string };
    expect(GENERATOR.version).toBe(pkg.version);
  });

  it("name-derived UUIDs are stable, differ per name and have the RFC 4122 version-5 layout OSCAL requires", () => {
    expect(nameUuid("a")).toBe(nameUuid("a"));
    expect(nameUuid("a")).not.toBe(nameUuid("b"));
    expect(nameUuid("finding:x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
