import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { BrandMark } from "@/components/brand";
import { label } from "@/components/labels";
import { AccountMenu } from "@/components/shell/account-menu";
import { DeepLinkFocus } from "@/components/shell/deep-link-focus";
import { HeaderSearch, HeaderSearchBox } from "@/components/shell/header-search";
import { MobileNav } from "@/components/shell/mobile-nav";
import { NavList } from "@/components/shell/nav-link";
import { navItemsFor, type NavBadge } from "@/components/shell/nav-items";
import { UnreadBadge } from "@/components/notifications/unread-badge";
import type { Role } from "@/generated/prisma/enums";
import { signOutAction } from "./sign-out-action";

function Brand({ compact = false }: { compact?: boolean }) {
  return (
    <Link href="/" className="flex min-w-0 items-center gap-2.5 rounded-md">
      <BrandMark />
      <span className={compact ? "truncate text-sm font-semibold text-slate-900" : "text-sm font-semibold leading-tight text-white"}>
        AI Governance
        {compact ? null : <span className="block text-xs font-normal text-slate-400">Secure AI development</span>}
      </span>
    </Link>
  );
}

/**
 * The app frame: on wide screens (lg, ≥1024 px) a sticky sidebar with the main navigation; below
 * that a menu button opening the same navigation in a drawer. A top bar carries the account
 * menu (and header items such as notifications). Navigation entries come from
 * components/shell/nav-items.ts only.
 */
export function AppFrame({ actor, children }: { actor: { name: string; email: string; role: Role }; children: ReactNode }) {
  const items = navItemsFor(actor.role);
  // The live counts beside nav entries (NavItem.badge), rendered here on the server.
  const badges: Record<NavBadge, ReactNode> = { unread: <UnreadBadge /> };
  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <div className="hidden w-60 shrink-0 bg-slate-900 lg:block">
        <aside className="sticky top-0 flex h-screen flex-col">
          <div className="flex h-16 items-center px-5">
            <Brand />
          </div>
          <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-4">
            <NavList items={items} badges={badges} />
          </nav>
        </aside>
      </div>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/95 px-4 backdrop-blur sm:h-16 sm:px-6 lg:px-8">
          <MobileNav
            items={items}
            badges={badges}
            brand={
              <span className="flex items-center gap-2.5 text-sm font-semibold text-white">
                <BrandMark />
                AI Governance
              </span>
            }
          />
          {/* On phones the search takes the brand's room (the menu drawer shows the brand). */}
          <div className="hidden min-w-0 sm:block lg:hidden">
            <Brand compact />
          </div>
          <Suspense fallback={<HeaderSearchBox value="" />}>
            <HeaderSearch />
          </Suspense>
          <div className="hidden flex-1 sm:block" />
          {/* Header items (e.g. the notifications badge) go here, each its own component. */}
          <AccountMenu name={actor.name} email={actor.email} role={label(actor.role)}>
            <form action={signOutAction}>
              <button type="submit" className="block w-full px-4 py-2 text-left text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-offset-[-2px]">
                Sign out
              </button>
            </form>
          </AccountMenu>
        </header>
        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
          <div className="mx-auto max-w-7xl">{children}</div>
          <Suspense fallback={null}>
            <DeepLinkFocus />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
