import { describe, expect, it } from "vitest";
import { groupNavItems, isNavActive, NAV_ITEMS, navItemsFor } from "@/components/shell/nav-items";

describe("main navigation list", () => {
  it("holds every page the frame links to, each once, with the permission that gates it", () => {
    const byHref = Object.fromEntries(NAV_ITEMS.map((i) => [i.href, i.permission ?? null]));
    expect(NAV_ITEMS.length).toBe(new Set(NAV_ITEMS.map((i) => i.href)).size);
    expect(byHref).toMatchObject({
      "/": null,
      "/systems": null,
      "/inbox": null,
      "/incidents": "incident:read",
      "/approvals": "approval:request",
      "/approvals/review": "approval:decide",
      "/library": "library:read",
      "/audit": "audit:read",
      "/exports": "export:run",
      "/admin/users": "user:manage",
      "/admin/tokens": "token:manage",
      "/admin/webhooks": "webhook:manage",
      "/admin/library": "library:manage",
      "/admin/approvals": "settings:manage",
      "/admin/review-cycles": "settings:manage",
      "/admin/incident-rules": "settings:manage",
      "/admin/settings": "settings:manage",
      "/api-reference": null,
      "/about": null,
    });
    expect(NAV_ITEMS.find((i) => i.href === "/inbox")?.badge).toBe("unread");
  });

  it("filters by role and groups in display order (no empty group)", () => {
    const auditor = navItemsFor("AUDITOR").map((i) => i.href);
    expect(auditor).not.toContain("/admin/users");
    expect(auditor).not.toContain("/approvals/review");
    expect(auditor).toContain("/exports");
    expect(navItemsFor("PRODUCT_OWNER").map((i) => i.href)).not.toContain("/exports");
    expect(groupNavItems(navItemsFor("AUDITOR")).map((g) => g.key)).not.toContain("admin");
    expect(groupNavItems(navItemsFor("ADMIN")).map((g) => g.key)).toEqual(["work", "governance", "admin", "help"]);
  });

  it("marks one entry current: '/' only on itself, My requests not on the review queue", () => {
    const current = (pathname: string) => NAV_ITEMS.filter((i) => isNavActive(i.href, pathname, i.except)).map((i) => i.href);
    expect(current("/")).toEqual(["/"]);
    expect(current("/systems/abc/checklist")).toEqual(["/systems"]);
    expect(current("/approvals/abc")).toEqual(["/approvals"]);
    expect(current("/approvals/review")).toEqual(["/approvals/review"]);
    expect(current("/inbox/preferences")).toEqual(["/inbox"]);
  });
});
