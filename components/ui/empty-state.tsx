import type { ReactNode } from "react";

/**
 * A centred "nothing here" panel: icon, title, optional description and action. The title is an
 * h3 (under a card's h2) unless `headingLevel` says 2 (a page whose next heading is the h1).
 */
export function EmptyState({ title, description, action, icon, headingLevel = 3 }: { title: string; description?: ReactNode; action?: ReactNode; icon?: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="flex flex-col items-center justify-center px-6 py-14 text-center">
      <div className="mb-3 flex h-12 w-12 items-center justify-center rounded-full bg-brand-50 text-brand-600" aria-hidden>
        {icon ?? (
          <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.6">
            <path d="M4 7h16M4 12h16M4 17h10" strokeLinecap="round" />
          </svg>
        )}
      </div>
      <Heading className="text-sm font-semibold text-slate-900">{title}</Heading>
      {description ? <p className="mt-1 max-w-md text-sm text-slate-500">{description}</p> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}
