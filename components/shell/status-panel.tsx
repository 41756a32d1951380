import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand";

/**
 * The body of the branded "not found" and "something went wrong" pages: brand mark, a large
 * status code or word, a heading, an explanation and the ways back (links or buttons).
 */
export function StatusPanel({ code, title, children, actions }: { code: string; title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center px-2 py-12 text-center sm:py-20" data-testid="status-panel">
      <BrandMark className="h-12 w-12" />
      <p className="mt-6 text-sm font-semibold uppercase tracking-wide text-brand-700">{code}</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{title}</h1>
      <div className="mt-3 text-sm text-slate-600">{children}</div>
      <div className="mt-8 flex flex-wrap items-center justify-center gap-3">{actions}</div>
    </div>
  );
}
