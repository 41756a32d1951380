import { SEARCH_MAX_LENGTH } from "@/lib/search/schema";

/**
 * The search box in the app frame's top bar: a plain GET form to /search (works without
 * JavaScript, Enter submits). Fills the free space of the bar at every width, so it stays usable
 * on a 390 px phone.
 */
export function HeaderSearch() {
  return (
    <form role="search" action="/search" method="get" className="min-w-0 flex-1 sm:max-w-md">
      <label htmlFor="header-search" className="sr-only">
        Search systems, assets, controls and evidence
      </label>
      <div className="relative">
        <svg viewBox="0 0 24 24" aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-400" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" strokeLinecap="round" />
        </svg>
        <input
          id="header-search"
          name="q"
          type="search"
          maxLength={SEARCH_MAX_LENGTH}
          placeholder="Search"
          autoComplete="off"
          enterKeyHint="search"
          className="h-9 w-full rounded-md border border-slate-300 bg-white pl-8 pr-2 text-sm text-slate-900 placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        />
      </div>
    </form>
  );
}
