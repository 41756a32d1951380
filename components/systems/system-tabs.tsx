"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { cn } from "@/components/ui/cn";

const TABS = [
  { slug: "", label: "Overview" },
  { slug: "assets", label: "Assets" },
  { slug: "checklist", label: "Checklist" },
  { slug: "threat-model", label: "Threat model" },
  { slug: "approvals", label: "Approvals" },
  { slug: "incidents", label: "Incidents" },
  { slug: "decommissioning", label: "Decommissioning" },
  { slug: "evidence", label: "Evidence" },
  { slug: "history", label: "History" },
];

/**
 * A spinner on the tab being opened until its page arrives: feedback at once, even when the
 * tab's loading skeleton was not prefetched yet (a busy server, a slow network).
 */
function TabPending() {
  const { pending } = useLinkStatus();
  return pending ? (
    <span className="ml-1.5 inline-block h-3 w-3 animate-spin rounded-full border-2 border-brand-200 border-t-brand-600 align-[-1px]" role="status" aria-label="Loading" data-testid="tab-pending" />
  ) : null;
}

export function SystemTabs({ systemId, assetCount }: { systemId: string; assetCount: number }) {
  const pathname = usePathname();
  const base = `/systems/${systemId}`;
  const navRef = useRef<HTMLElement>(null);
  // On narrow screens the strip scrolls sideways: bring the current tab into view.
  useEffect(() => {
    const current = navRef.current?.querySelector<HTMLElement>('[aria-current="page"]');
    const strip = navRef.current;
    if (current && strip && strip.scrollWidth > strip.clientWidth) {
      strip.scrollLeft = current.offsetLeft - (strip.clientWidth - current.offsetWidth) / 2;
    }
  }, [pathname]);
  return (
    <nav ref={navRef} aria-label="System sections" className="relative -mb-px flex gap-1 overflow-x-auto border-b border-slate-200 [scrollbar-width:thin]">
      {TABS.map((tab) => {
        const href = tab.slug ? `${base}/${tab.slug}` : base;
        const active = tab.slug ? pathname.startsWith(href) : pathname === base || pathname === `${base}/edit`;
        return (
          <Link
            key={tab.slug}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium focus-visible:outline-offset-[-2px]",
              active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
            )}
          >
            {tab.label}
            {tab.slug === "assets" ? <span className="ml-1.5 rounded-full bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{assetCount}</span> : null}
            <TabPending />
          </Link>
        );
      })}
    </nav>
  );
}
