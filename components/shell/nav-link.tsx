"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * A sidebar entry, marked `aria-current="page"` on its path and below it, except under the
 * paths in `except` (which have their own entry).
 */
export function NavLink({ href, children, icon, except = [] }: { href: string; children: ReactNode; icon: ReactNode; except?: readonly string[] }) {
  const pathname = usePathname();
  const within = (base: string) => pathname === base || pathname.startsWith(`${base}/`);
  const active = href === "/" ? pathname === "/" : within(href) && !except.some(within);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors",
        active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white",
      )}
    >
      <span className={cn("h-5 w-5 shrink-0", active ? "text-brand-100" : "text-slate-400 group-hover:text-slate-200")} aria-hidden>
        {icon}
      </span>
      {children}
    </Link>
  );
}
