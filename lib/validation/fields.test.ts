import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zBool, zDate, zHttpUrl, zId, zInt, zName, zOptionalDate, zRowVersion, zText } from "./fields";

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe("[VALIDATION] shared field building blocks know the database's limits", () => {
  it("text refuses NUL and lone surrogates with a message, trims, and enforces its length", () => {
    const text = zText({ max: 10, label: "The note" });
    expect(text.parse("  hi  ")).toBe("hi");
    expect(messages(text, "a\u0000b")).toEqual(["The note contains a NUL character (U+0000), which cannot be stored."]);
    expect(messages(text, "a\ud800b")[0]).toMatch(/lone UTF-16 surrogate/);
    expect(messages(text, "\udc00")[0]).toMatch(/lone UTF-16 surrogate/);
    expect(text.parse("😀")).toBe("😀"); // a valid surrogate pair is fine
    expect(messages(text, "x".repeat(11))).toEqual(["The note must be at most 10 characters."]);
    expect(messages(text, 5)).toEqual(["The note must be text."]);
    // A repeated query parameter (?note=a&note=b) is named as such, not as "not text".
    expect(messages(text, ["a", "b"])).toEqual(["The note must be given once, not repeated."]);
    expect(messages(zText({ max: 10, label: "The search", repeated: "Search for one thing at a time." }), ["a", "b"])).toEqual(["Search for one thing at a time."]);
    // A field left out says so (the message used to be "must be text").
    expect(messages(text, undefined)).toEqual(["The note is required."]);
    expect(messages(z.object({ note: text }), {})).toEqual(["The note is required."]);
    expect(messages(text.optional(), undefined)).toEqual([]);
  });

  it("required text counts visible characters: zero-width padding never satisfies it", () => {
    const reason = zText({ max: 100, min: 10, label: "The reason" });
    expect(messages(reason, "\u200b".repeat(11))).toEqual(["The reason must be at least 10 visible characters."]);
    expect(messages(reason, "short\u200b\u200b\u200b\u200b\u200b\u200b")).toEqual(["The reason must be at least 10 visible characters."]);
    expect(reason.parse("Rollback untested")).toBe("Rollback untested");
    const required = zText({ max: 100, min: 1, label: "The lessons learned" });
    expect(messages(required, "\u200b\u200b")).toEqual(["The lessons learned must contain visible characters."]);
    expect(messages(required, "\u00ad")).toEqual(["The lessons learned must contain visible characters."]);
    expect(required.parse("x")).toBe("x");
    // Optional text may stay empty or invisible (nothing requires it to say anything).
    expect(zText({ max: 10 }).parse("\u200b")).toBe("\u200b");
  });

  it("names need a visible character and refuse text-direction controls", () => {
    const name = zName({ max: 50, label: "The name" });
    expect(name.parse("Support bot")).toBe("Support bot");
    expect(messages(name, "")).toEqual(["The name is required."]);
    expect(messages(name, "\u200b\u200c\u200d")).toContain("The name must contain visible characters.");
    expect(messages(name, "\u2060\ufeff")).toContain("The name must contain visible characters.");
    expect(messages(name, "invoice\u202Eexe.pdf")).toContain("The name must not contain text-direction control characters (such as U+202E).");
    expect(messages(name, "a\u2066b")).toHaveLength(1);
    expect(name.parse("Zoë Ålander")).toBe("Zoë Ålander");
  });

  it("integers fit PostgreSQL integer and booleans are not numbers", () => {
    const int = zInt({ label: "The version" });
    expect(int.parse(5)).toBe(5);
    expect(int.parse("42")).toBe(42);
    expect(messages(int, 2147483648)).toEqual(["The version must be between -2147483648 and 2147483647."]);
    expect(messages(int, "99999999999999999999999")[0]).toMatch(/whole number/);
    expect(messages(int, true)[0]).toMatch(/whole number/);
    expect(messages(int, 1.5)).toEqual(["The version must be a whole number."]);
    expect(messages(int, "1e3")[0]).toMatch(/whole number/);
    expect(messages(int, null)[0]).toMatch(/whole number/);
    expect(messages(zRowVersion(), 0)[0]).toMatch(/between 1 and/);
  });

  it("dates are real calendar dates within 1900-2999", () => {
    const date = zDate("The due date");
    expect(date.parse("2027-01-31")).toBe("2027-01-31");
    expect(messages(date, "0000-01-01")).toEqual(["The due date must be between 1900-01-01 and 2999-12-31."]);
    expect(messages(date, "2027-02-30")).toEqual(["The due date is not a date that exists."]);
    expect(messages(date, "31/01/2027")[0]).toMatch(/like 2027-01-31/);
    expect(messages(date, "275760-09-13")[0]).toMatch(/like 2027-01-31/);
    expect(zOptionalDate().parse("")).toBeNull();
    expect(zOptionalDate().parse(undefined)).toBeNull();
  });

  it("ids are short alphanumeric strings; anything else names no record", () => {
    expect(zId().parse("cmabc123xyz")).toBe("cmabc123xyz");
    expect(zId().parse("0b5e8c2a-6f1d-4c3b-9a7e-1d2c3b4a5f6e")).toBeTruthy();
    for (const bad of [5, null, {}, "", "a b", "x".repeat(65), "a\u0000", "../etc"]) expect(zId().safeParse(bad).success).toBe(false);
  });

  it("booleans accept JSON and form spellings only", () => {
    expect(zBool().parse(true)).toBe(true);
    expect(zBool().parse("on")).toBe(true);
    expect(zBool().parse("false")).toBe(false);
    expect(zBool().safeParse("yes please").success).toBe(false);
    expect(zBool().safeParse(1).success).toBe(false);
  });

  it("links are http(s) only", () => {
    expect(zHttpUrl().parse("https://example.com/a")).toBe("https://example.com/a");
    expect(messages(zHttpUrl(), "javascript:alert(1)")).toEqual(["The link must be an http:// or https:// address."]);
    expect(messages(zHttpUrl(), "not a url")).toHaveLength(1);
  });
});
