import Link from "next/link";
import type { ReactNode } from "react";
import { BrandMark } from "@/components/brand";
import { label } from "@/components/labels";
import { Icons } from "@/components/shell/icons";
import { NavLink } from "@/components/shell/nav-link";
import { InboxIcon } from "@/components/notifications/inbox-icon";
import { UnreadBadge } from "@/components/notifications/unread-badge";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { signOutAction } from "../sign-out-action";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const initials = actor.name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <div className="w-60 shrink-0 bg-slate-900">
      <aside className="sticky top-0 z-30 flex h-screen flex-col">
        <Link href="/" className="flex h-16 items-center gap-2.5 px-5">
          <BrandMark />
          <span className="text-sm font-semibold leading-tight text-white">
            AI Governance
            <span className="block text-xs font-normal text-slate-400">Secure AI development</span>
          </span>
        </Link>
        <nav aria-label="Main" className="min-h-0 flex-1 space-y-1 overflow-y-auto px-3 py-4">
          <NavLink href="/" icon={Icons.dashboard}>Overview</NavLink>
          <NavLink href="/systems" icon={Icons.systems}>AI systems</NavLink>
          <NavLink href="/inbox" icon={InboxIcon}>Inbox<UnreadBadge /></NavLink>
          {hasPermission(actor.role, "incident:read") ? <NavLink href="/incidents" icon={Icons.incidents}>Incidents</NavLink> : null}
          {hasPermission(actor.role, "approval:request") ? <NavLink href="/approvals" icon={Icons.systems} except={["/approvals/review"]}>My requests</NavLink> : null}
          {hasPermission(actor.role, "approval:decide") ? <NavLink href="/approvals/review" icon={Icons.audit}>Review queue</NavLink> : null}
          {hasPermission(actor.role, "library:read") ? <NavLink href="/library" icon={Icons.library}>Control library</NavLink> : null}
          {hasPermission(actor.role, "audit:read") ? <NavLink href="/audit" icon={Icons.audit}>Audit log</NavLink> : null}
          {hasPermission(actor.role, "export:run") ? <NavLink href="/exports" icon={Icons.exports}>Exports</NavLink> : null}
          {hasPermission(actor.role, "user:manage") ? <NavLink href="/admin/users" icon={Icons.users}>Users</NavLink> : null}
          {hasPermission(actor.role, "library:manage") ? <NavLink href="/admin/library" icon={Icons.libraryVersions}>Library versions</NavLink> : null}
          {hasPermission(actor.role, "settings:manage") ? <NavLink href="/admin/review-cycles" icon={Icons.about}>Review cycles</NavLink> : null}
          {hasPermission(actor.role, "settings:manage") ? <NavLink href="/admin/settings" icon={Icons.settings}>Settings</NavLink> : null}
          {hasPermission(actor.role, "settings:manage") ? <NavLink href="/admin/incident-rules" icon={Icons.incidents}>Incident rules</NavLink> : null}
          {hasPermission(actor.role, "token:manage") ? <NavLink href="/admin/tokens" icon={Icons.tokens}>API tokens</NavLink> : null}
          {hasPermission(actor.role, "webhook:manage") ? <NavLink href="/admin/webhooks" icon={Icons.webhooks}>Webhooks</NavLink> : null}
          {hasPermission(actor.role, "settings:manage") ? <NavLink href="/admin/approvals" icon={Icons.settings}>Approval policy</NavLink> : null}
          <NavLink href="/api-reference" icon={Icons.api}>API reference</NavLink>
          <NavLink href="/about" icon={Icons.about}>About</NavLink>
        </nav>
        <div className="border-t border-white/10 p-4">
          <div className="flex items-center gap-3">
            <span className="flex h-9 w-9 items-center justify-center rounded-full bg-brand-500 text-xs font-semibold text-white" aria-hidden>
              {initials}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-white" data-testid="current-user">{actor.name}</p>
              <p className="truncate text-xs text-slate-400" data-testid="current-role">{label(actor.role)}</p>
            </div>
          </div>
          <form action={signOutAction} className="mt-3">
            <button type="submit" className="w-full rounded-md border border-white/15 px-3 py-1.5 text-xs font-medium text-slate-200 hover:bg-white/10">
              Sign out
            </button>
          </form>
        </div>
      </aside>
      </div>
      <main id="main" className="min-w-0 flex-1 px-8 py-8">
        <div className="mx-auto max-w-7xl">{children}</div>
      </main>
    </div>
  );
}
