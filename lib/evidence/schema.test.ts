import { describe, expect, it } from "vitest";
import { ZDeleteEvidenceInput, ZEvidenceMeta, ZLinkEvidenceInput, ZNoteEvidenceInput } from "./schema";

const meta = { title: "Pen-test report", effectiveDate: "2026-03-01" };
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("[EVIDENCE] input schemas", () => {
  it("accepts minimal metadata and normalises empty optional fields to null", () => {
    expect(ZEvidenceMeta.parse({ ...meta, description: "  ", expiresAt: "", revisionOfId: "" })).toEqual({
      title: "Pen-test report",
      description: null,
      effectiveDate: "2026-03-01",
      expiresAt: null,
      revisionOfId: null,
    });
  });

  it("requires a real effective date and an expiry after it", () => {
    expect(issues(ZEvidenceMeta.safeParse({ title: "ok" }))).toMatchObject({ effectiveDate: "The valid-from date must be a date like 2027-01-31." });
    expect(issues(ZEvidenceMeta.safeParse({ ...meta, effectiveDate: "2026-02-30" }))).toHaveProperty("effectiveDate");
    expect(issues(ZEvidenceMeta.safeParse({ ...meta, expiresAt: "2026-03-01" }))).toEqual({
      expiresAt: "The expiry date must be after the valid-from date.",
    });
    expect(ZEvidenceMeta.safeParse({ ...meta, expiresAt: "2026-03-02" }).success).toBe(true);
  });

  it("bounds the title and the description", () => {
    expect(issues(ZEvidenceMeta.safeParse({ ...meta, title: " x " }))).toEqual({ title: "Title must be at least 2 characters." });
    expect(ZEvidenceMeta.safeParse({ ...meta, title: "x".repeat(201) }).success).toBe(false);
    expect(ZEvidenceMeta.safeParse({ ...meta, description: "x".repeat(2001) }).success).toBe(false);
  });

  it("takes http(s) links only", () => {
    expect(ZLinkEvidenceInput.parse({ ...meta, url: " https://jira.example.com/SEC-1 " }).url).toBe("https://jira.example.com/SEC-1");
    for (const url of ["javascript:alert(1)", "ftp://x.example.com/a", "file:///etc/passwd", "data:text/html,hi", "not a url", ""]) {
      expect(ZLinkEvidenceInput.safeParse({ ...meta, url }).success, url).toBe(false);
    }
    expect(ZLinkEvidenceInput.safeParse({ ...meta, url: `https://x.example.com/${"a".repeat(2000)}` }).success).toBe(false);
    // The expiry rule applies to every kind.
    expect(ZLinkEvidenceInput.safeParse({ ...meta, url: "https://x.example.com", expiresAt: "2020-01-01" }).success).toBe(false);
  });

  it("bounds notes", () => {
    expect(ZNoteEvidenceInput.parse({ ...meta, body: " decided " }).body).toBe("decided");
    expect(ZNoteEvidenceInput.safeParse({ ...meta, body: "   " }).success).toBe(false);
    expect(ZNoteEvidenceInput.safeParse({ ...meta, body: "x".repeat(20_001) }).success).toBe(false);
  });

  it("asks for a real reason to delete", () => {
    expect(ZDeleteEvidenceInput.safeParse({ reason: "oops" }).success).toBe(false);
    expect(ZDeleteEvidenceInput.parse({ reason: "  Uploaded the wrong customer's data.  " })).toEqual({
      reason: "Uploaded the wrong customer's data.",
    });
  });
});
