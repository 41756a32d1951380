import { describe, expect, it } from "vitest";
import { ageInDays } from "@/lib/approvals/policy-rules";
import { calendarDaysBetween, formatDate, formatDateTime, formatTimestamp, isIsoDay, relativeDay } from "./dates";

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

describe("one relative-day count (the home card's 'Waiting N days' and 'N days ago' agree)", () => {
  const today = "2026-12-02";
  const now = new Date(`${today}T00:00:00.000Z`); // the home page's "now" (start of today, UTC)
  const cases: [submittedAt: string, days: number][] = [
    ["2026-12-02T00:00:00.000Z", 0],
    ["2026-12-01T23:59:59.999Z", 1],
    ["2026-12-01T00:00:00.000Z", 1],
    ["2026-11-30T15:00:00.000Z", 2], // the reported case: floor(33 h) said 1 day, the calendar said 2
    ["2026-11-30T00:00:00.001Z", 2],
    ["2026-11-29T23:59:59.999Z", 3],
  ];
  it.each(cases)("submitted %s: %i days by both", (submittedAt, days) => {
    const submitted = new Date(submittedAt);
    expect(calendarDaysBetween(submitted, today)).toBe(days);
    expect(ageInDays(submitted, now)).toBe(days);
    // The same moment later in the day does not change the count.
    expect(ageInDays(submitted, new Date(`${today}T23:59:59.999Z`))).toBe(days);
    expect(relativeDay(submitted.toISOString().slice(0, 10), today, "submitted")).toBe(days === 0 ? "today" : `${days} day${days === 1 ? "" : "s"} ago`);
  });

  it("words for the other kinds of date", () => {
    expect(relativeDay("2026-12-05", today, "due")).toBe("due in 3 days");
    expect(relativeDay("2026-12-02", today, "due")).toBe("due today");
    expect(relativeDay("2026-11-30", today, "due")).toBe("2 days overdue");
    expect(relativeDay("2026-12-01", today, "expires")).toBe("expired 1 day ago");
    expect(relativeDay("2026-12-02", today, "expired")).toBe("expires today");
    expect(calendarDaysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(ageInDays(new Date("2026-12-03T00:00:00Z"), now)).toBe(0);
  });
});
