"use client";

import { useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { isQuietUrl, replaceUrlQuietly } from "@/components/shell/quiet-url";
import { SelectItemBox } from "./selection";

/**
 * One checklist item: its summary row, a button that opens and closes it in the browser, and
 * its detail (`children`, rendered on the server with the page and mounted only while open).
 * Opening needs no request: the detail is already in the page's data. The open item is kept
 * in the address (`?item=<id>`, replaced, not pushed) so a reload or a shared link opens it
 * again; several items may be open at once, the address names the last one opened.
 *
 * A link to another item on the same page (client-side navigation to `?item=<id>`, e.g. "Also
 * supports DEV-3.4") opens that item and closes the others, so the one the link names is the
 * one shown; DeepLinkFocus (components/shell) then scrolls it into view.
 */
export function ItemRow({
  id,
  code,
  initiallyOpen,
  selectable,
  summary,
  children,
}: {
  id: string;
  code: string;
  initiallyOpen: boolean;
  /** Shows the bulk-selection checkbox (reviewers). */
  selectable: boolean;
  summary: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const linked = useSearchParams().get("item");
  const [seen, setSeen] = useState(linked);
  if (linked !== seen) {
    // The address named another item (adjusted during render, not in an effect). Only a
    // navigation counts; the rows' own quiet address updates do not.
    setSeen(linked);
    if (linked && !isQuietUrl()) setOpen(linked === id);
  }

  function toggle() {
    const next = !open;
    setOpen(next);
    const url = new URL(window.location.href);
    if (next) url.searchParams.set("item", id);
    else if (url.searchParams.get("item") === id) url.searchParams.delete("item");
    url.hash = "";
    replaceUrlQuietly(url);
  }

  return (
    <li id={`item-${id}`} data-testid={`item-${code}`}>
      <div className={`flex items-center gap-3 px-5 ${open ? "bg-slate-50" : "hover:bg-slate-50"}`}>
        {selectable ? <SelectItemBox id={id} code={code} /> : null}
        <button
          type="button"
          onClick={toggle}
          aria-expanded={open}
          aria-controls={`item-${id}-detail`}
          data-testid="item-toggle"
          className="flex min-w-0 flex-1 flex-wrap items-center gap-3 py-3 text-left"
        >
          {summary}
          <span aria-hidden className={`text-slate-400 transition-transform ${open ? "rotate-90" : ""}`}>›</span>
        </button>
      </div>
      {open ? (
        <div id={`item-${id}-detail`} className="space-y-5 border-t border-slate-100 bg-slate-50/40 px-5 py-4">
          {children}
        </div>
      ) : null}
    </li>
  );
}
