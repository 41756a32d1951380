import { describe, expect, it } from "vitest";
import { safeNextPath, safeRedirectUrl } from "./safe-next";

describe("[AUTH] safe `next` after sign-in", () => {
  it("keeps ordinary paths on this app, with their query and hash", () => {
    expect(safeNextPath("/systems")).toBe("/systems");
    expect(safeNextPath("/systems/abc/checklist?status=MET#item-3")).toBe("/systems/abc/checklist?status=MET#item-3");
    expect(safeNextPath("/audit?page=2")).toBe("/audit?page=2");
  });

  it("turns relative or dot paths into the normalised path on this app", () => {
    expect(safeNextPath("systems")).toBe("/systems");
    expect(safeNextPath("/a/../systems")).toBe("/systems");
    expect(safeNextPath("?x=1")).toBe("/?x=1");
  });

  // Every form below reached another origin (or a script) through a naive "starts with /" check.
  const refused: Array<[string, string]> = [
    ["protocol-relative", "//evil.example/path"],
    ["backslash after slash", "/\\evil.example/path"],
    ["two backslashes", "\\\\evil.example"],
    ["backslash then slash", "\\/evil.example"],
    ["tab inside //", "/\t/evil.example/path"],
    ["newline inside //", "/\n/evil.example"],
    ["carriage return inside //", "/\r/evil.example"],
    ["leading whitespace before //", " //evil.example"],
    ["control char before //", "\u0000//evil.example"],
    ["dot segment that normalises to //", "/.//evil.example"],
    ["dot-dot that normalises to //", "/x/..//evil.example"],
    ["javascript: URL", "javascript:alert(document.domain)"],
    ["javascript: with tab", "java\tscript:alert(1)"],
    ["upper-case JavaScript:", "JavaScript:alert(1)"],
    ["data: URL", "data:text/html,<script>alert(1)</script>"],
    ["absolute https URL", "https://evil.example/"],
    ["absolute http URL with our path", "http://evil.example/systems"],
    ["scheme-relative with credentials", "//user:pass@evil.example"],
    ["https with backslashes", "https:\\\\evil.example"],
  ];
  for (const [name, value] of refused) {
    it(`refuses ${name}: ${JSON.stringify(value)}`, () => {
      expect(safeNextPath(value)).toBe("/");
    });
  }

  it("percent-encoded slashes and backslashes stay encoded in a path on this app", () => {
    expect(safeNextPath("/%2f%2fevil.example")).toBe("/%2f%2fevil.example");
    expect(safeNextPath("/%5c%5cevil.example")).toBe("/%5c%5cevil.example");
    expect(safeNextPath("%2f%2fevil.example")).toBe("/%2f%2fevil.example");
    expect(safeNextPath("/%2F/evil.example")).toBe("/%2F/evil.example");
    // Whatever is returned, resolving it against our origin keeps our origin.
    for (const value of ["/%2f%2fevil.example", "/%5c%5cevil.example", "%2f%2fevil.example"]) {
      expect(new URL(safeNextPath(value), "https://aigov.example").origin).toBe("https://aigov.example");
    }
  });

  it("a scheme without slashes is only ever returned as a path on this app", () => {
    // The parser treats "https:evil.example" as relative to an https base; we send the
    // normalised path, so the browser cannot reinterpret it against an http origin.
    expect(safeNextPath("https:evil.example")).toBe("/evil.example");
  });

  it("refuses non-strings, empty, over-long values and the sign-in pages themselves", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(42)).toBe("/");
    expect(safeNextPath("")).toBe("/");
    expect(safeNextPath(`/${"a".repeat(5000)}`)).toBe("/");
    expect(safeNextPath("/login?next=//evil.example")).toBe("/");
    expect(safeNextPath("/api/auth/signout")).toBe("/");
  });

  it("every accepted result is a single-slash path that keeps the origin", () => {
    const inputs = [...refused.map(([, v]) => v), "/systems", "/%2f%2fx", "a/b", "/x/./y", "/\u00e9t\u00e9"];
    for (const input of inputs) {
      const out = safeNextPath(input);
      expect(out.startsWith("/")).toBe(true);
      expect(out.startsWith("//")).toBe(false);
      expect(new URL(out, "https://aigov.example").origin).toBe("https://aigov.example");
    }
  });
});

describe("[AUTH] Auth.js redirect callback", () => {
  const base = "http://127.0.0.1:3000";
  it("keeps our own URLs and paths", () => {
    expect(safeRedirectUrl("/systems", base)).toBe(`${base}/systems`);
    expect(safeRedirectUrl(`${base}/audit?page=2`, base)).toBe(`${base}/audit?page=2`);
  });
  it("sends other origins and tricky forms to the base URL", () => {
    for (const url of ["https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)", "http://127.0.0.1:3001/"]) {
      expect(safeRedirectUrl(url, base)).toMatch(new RegExp(`^${base.replace(/[.]/g, "\\.")}/?$`));
    }
  });
});
