/**
 * Placeholder shown by loading.tsx files while a page's data loads: a heading bar and a few
 * rows, with a status message for screen readers.
 */
export function PageSkeleton({ rows = 5, label = "Loading…" }: { rows?: number; label?: string }) {
  return (
    <div role="status" aria-live="polite" data-testid="page-loading" className="animate-pulse">
      <span className="sr-only">{label}</span>
      <div className="mb-6 h-7 w-56 max-w-full rounded bg-slate-200" />
      <div className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center gap-4 py-3">
            <div className="h-4 w-1/3 rounded bg-slate-200" />
            <div className="h-4 flex-1 rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
