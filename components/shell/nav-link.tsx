"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import { useId, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Icons } from "./icons";
import { groupNavItems, isNavActive, type NavBadge, type NavItem } from "./nav-items";

/**
 * A navigation entry, marked `aria-current="page"` on its path and below it, except under the
 * paths in `except` (which have their own entry). `badge` (e.g. an unread count) sits after the label.
 */
export function NavLink({
  href,
  children,
  icon,
  except,
  badge,
  onNavigate,
}: {
  href: string;
  children: ReactNode;
  icon: ReactNode;
  except?: readonly string[];
  badge?: ReactNode;
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  const active = isNavActive(href, pathname, except);
  return (
    <Link
      href={href}
      onClick={onNavigate}
      aria-current={active ? "page" : undefined}
      className={cn(
        "group flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-100",
        active ? "bg-white/10 text-white" : "text-slate-300 hover:bg-white/5 hover:text-white",
      )}
    >
      <span className={cn("h-5 w-5 shrink-0", active ? "text-brand-100" : "text-slate-400 group-hover:text-slate-200")} aria-hidden>
        {icon}
      </span>
      <span className="flex-1">{children}</span>
      {badge}
      <PendingMark />
    </Link>
  );
}

/** A small spinner on the entry being opened, while the next page loads (feedback before the page swaps). */
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? (
    <span className="h-3.5 w-3.5 animate-spin rounded-full border-2 border-white/30 border-t-white" role="status" aria-label="Loading" />
  ) : null;
}

/**
 * The main navigation entries (from nav-items.ts, already filtered for the role) as lists of
 * links, one per group under its heading. `badges` holds the rendered live counts by kind.
 */
export function NavList({ items, badges = {}, onNavigate }: { items: readonly NavItem[]; badges?: Partial<Record<NavBadge, ReactNode>>; onNavigate?: () => void }) {
  const id = useId();
  return (
    <div className="space-y-5">
      {groupNavItems(items).map((group) => (
        <div key={group.key}>
          {group.heading ? (
            <p id={`${id}-${group.key}`} className="mb-1 px-3 text-[11px] font-semibold uppercase tracking-wider text-slate-400">
              {group.heading}
            </p>
          ) : null}
          <ul className="space-y-1" aria-labelledby={group.heading ? `${id}-${group.key}` : undefined}>
            {group.items.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} icon={Icons[item.icon]} except={item.except} badge={item.badge ? badges[item.badge] : undefined} onNavigate={onNavigate}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
