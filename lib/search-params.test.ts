import { z } from "zod";
import { describe, expect, it } from "vitest";
import { ZAuditFilter } from "@/lib/audit/queries";
import { ZChecklistFilter } from "@/lib/checklists/queries";
import { ZListSystemsQuery } from "@/lib/systems/schema";
import { ignoredParamSentence, parseListParams } from "./search-params";

describe("parseListParams (list pages keep working on bad query values and say which were ignored)", () => {
  it("drops an unknown status, keeps the other filters and names the parameter and value", () => {
    const { data, params, ignored } = parseListParams(ZChecklistFilter, { status: "BOGUS", pillar: "DES", q: "threat" }, { status: { fallback: "showing all statuses" } });
    expect(data).toEqual({ pillar: "DES", q: "threat" });
    expect(params).toEqual({ pillar: "DES", q: "threat" });
    expect(ignored.map(ignoredParamSentence)).toEqual(["Unknown status “BOGUS” — showing all statuses."]);
  });

  it("falls back to the schema's default for a bad sort and lists every bad parameter once", () => {
    const { data, ignored } = parseListParams(ZListSystemsQuery, { sort: "shoe-size", tier: ["HIGH", "NOPE"], q: "chat" }, { sort: { fallback: "sorted by name" } });
    expect(data).toMatchObject({ sort: "name", q: "chat", archived: "active" });
    expect(data.tier).toEqual([]);
    expect(Object.fromEntries(ignored.map((i) => [i.param, i.value]))).toEqual({ tier: "HIGH, NOPE", sort: "shoe-size" });
    expect(ignored.find((i) => i.param === "sort")!.fallback).toBe("sorted by name");
  });

  it("says Invalid, with the schema's reason, for values that are not from a list", () => {
    const { ignored } = parseListParams(ZAuditFilter, { from: "2026-13-45", action: "system.updated" });
    expect(ignored).toHaveLength(1);
    expect(ignoredParamSentence(ignored[0]!)).toMatch(/^Invalid from “2026-13-45” \(.+\) — ignored\.$/);
  });

  it("a rule across fields drops the parameter its issue names (the audit period's end)", () => {
    const { data, ignored } = parseListParams(ZAuditFilter, { from: "2026-02-01", to: "2026-01-01" });
    expect(data.from).toBe("2026-02-01");
    expect(data.to).toBeUndefined();
    expect(ignored.map((i) => i.param)).toEqual(["to"]);
  });

  it("a refusal tied to no parameter drops them all; long values are shortened in the notice", () => {
    const schema = z.object({ a: z.string().optional(), b: z.string().optional() }).refine((v) => !(v.a && v.b));
    const { data, ignored } = parseListParams(schema, { a: "x".repeat(100), b: "y" });
    expect(data).toEqual({});
    expect(ignored.map((i) => i.param)).toEqual(["a", "b"]);
    expect(ignored[0]!.value).toBe(`${"x".repeat(60)}…`);
  });

  it("nothing ignored when everything parses", () => {
    expect(parseListParams(ZChecklistFilter, { status: "MET" }).ignored).toEqual([]);
  });
});
