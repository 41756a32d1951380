import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTimestamp, isIsoDay } from "./dates";

describe("one date format", () => {
  it("shows calendar days and moments in ISO form, in UTC", () => {
    expect(formatDate("2026-03-04T23:30:00.000Z")).toBe("2026-03-04");
    expect(formatDate(new Date(Date.UTC(2026, 2, 4)))).toBe("2026-03-04");
    expect(formatDateTime("2026-03-04T23:30:09.000Z")).toBe("2026-03-04 23:30 UTC");
    expect(formatTimestamp("2026-03-04T23:30:09.000Z")).toBe("2026-03-04 23:30:09 UTC");
  });

  it("shows a dash (or the given text) for no date or an invalid one", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate("")).toBe("—");
    expect(formatDate("not a date", "never")).toBe("never");
    expect(formatDateTime(undefined)).toBe("—");
  });

  it("accepts only real days written YYYY-MM-DD", () => {
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2026-02-29")).toBe(false);
    expect(isIsoDay("03/04/2026")).toBe(false);
    expect(isIsoDay("2026-3-4")).toBe(false);
  });
});
