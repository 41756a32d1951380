import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SupportedControls } from "@/components/evidence/supported-controls";

const controls = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ itemId: `i${i}`, code: `C-${i}`, title: `Control ${i}`, href: `/systems/s/checklist?item=i${i}` }));

const render = (n: number, exceptItemId?: string) => renderToStaticMarkup(createElement(SupportedControls, { controls: controls(n), exceptItemId }));
const links = (html: string) => html.match(/<a /g)?.length ?? 0;

describe("evidence 'Also supports' line", () => {
  it("shows the first three of 40 controls and a collapsed 'and 37 more' button", () => {
    const html = render(41, "i0");
    expect(html).toContain("Also supports");
    expect(links(html)).toBe(3);
    expect(html).toMatch(/<button type="button" aria-expanded="false" aria-controls="[^"]+"[^>]*>and 37 more<\/button>/);
  });

  it("short lists (up to four) are shown whole, with no button", () => {
    for (const n of [1, 3, 4]) {
      const html = render(n);
      expect(links(html), `${n}`).toBe(n);
      expect(html).not.toContain("<button");
    }
    expect(render(5)).toContain("and 2 more");
  });

  it("says so when the evidence supports nothing (and renders nothing on the item itself)", () => {
    expect(render(0)).toContain("Not attached to a checklist control yet.");
    expect(render(1, "i0")).toBe("");
  });
});
