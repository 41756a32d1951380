"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { SEARCH_MAX_LENGTH } from "@/lib/search/schema";

/** Whether a key press happens while typing somewhere (then "/" is just a character). */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The search box of the top bar, given its starting text. A plain GET form to /search (works
 * without JavaScript, Enter submits), labelled "Site search" so it is told apart from the
 * results page's own search landmark. "/" focuses it from anywhere except while typing in a
 * field (announced by `aria-keyshortcuts` and the placeholder).
 */
export function HeaderSearchBox({ value }: { value: string }) {
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typingIn(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <form role="search" aria-label="Site search" action="/search" method="get" className="min-w-0 flex-1 sm:max-w-md">
      <label htmlFor="header-search" className="sr-only">
        Search systems, assets, controls and evidence
      </label>
      <div className="relative">
        <svg viewBox="0 0 24 24" aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-400" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" strokeLinecap="round" />
        </svg>
        <input
          ref={input}
          key={value}
          id="header-search"
          name="q"
          type="search"
          defaultValue={value}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder="Search (press /)"
          title="Search (press / to get here)"
          aria-keyshortcuts="/"
          autoComplete="off"
          enterKeyHint="search"
          className="h-9 w-full rounded-md border border-slate-300 bg-white pl-8 pr-2 text-sm text-slate-900 placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        />
      </div>
    </form>
  );
}

/**
 * The top bar's search box. On the results page (/search?q=…) it holds the current query, so
 * the two boxes on that page never show different searches. Fills the free space of the bar at
 * every width, so it stays usable on a 390 px phone. Render inside a Suspense boundary (it reads
 * the address); `HeaderSearchBox value=""` is the fallback.
 */
export function HeaderSearch() {
  const onSearch = usePathname() === "/search";
  const q = useSearchParams().getAll("q");
  const value = onSearch && q.length === 1 && q[0]!.length <= SEARCH_MAX_LENGTH ? q[0]! : "";
  return <HeaderSearchBox value={value} />;
}
