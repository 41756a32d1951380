import type { Role } from "@/generated/prisma/enums";
import { hasPermission, type Permission } from "@/lib/authz/permissions";
import type { IconName } from "./icons";

/** The groups of the main navigation, in display order, with their headings (null: no heading). */
export const NAV_GROUPS = [
  { key: "work", heading: null },
  { key: "governance", heading: "Governance" },
  { key: "admin", heading: "Administration" },
  { key: "help", heading: "Help" },
] as const;

/** Key of a group in {@link NAV_GROUPS}. */
export type NavGroupKey = (typeof NAV_GROUPS)[number]["key"];

/**
 * A live count shown beside an entry. The frame renders the component for each kind (a server
 * component, e.g. components/notifications/unread-badge.tsx) and hands it to the nav list.
 */
export type NavBadge = "unread";

/** One entry of the main navigation. */
export type NavItem = {
  /** Path the entry links to; it is "current" on that path and below it ("/" only on itself). */
  href: string;
  label: string;
  icon: IconName;
  group: NavGroupKey;
  /** Shown only to roles holding this permission (lib/authz/permissions.ts); absent = everyone. */
  permission?: Permission;
  /** Paths below `href` that have their own entry: the entry is not "current" there. */
  except?: readonly string[];
  /** A live count beside the label (see {@link NavBadge}). */
  badge?: NavBadge;
};

/**
 * THE list of main navigation entries, in display order within their group. The sidebar (wide
 * screens) and the menu drawer (phones) both render it. To add a page to the navigation, add ONE
 * line here (and an icon in ./icons.tsx if none fits); keep the other lines.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", icon: "dashboard", group: "work" },
  { href: "/systems", label: "AI systems", icon: "systems", group: "work" },
  { href: "/inbox", label: "Inbox", icon: "inbox", group: "work", badge: "unread" },
  { href: "/incidents", label: "Incidents", icon: "incidents", group: "work", permission: "incident:read" },
  { href: "/approvals", label: "My requests", icon: "requests", group: "work", permission: "approval:request", except: ["/approvals/review"] },
  { href: "/approvals/review", label: "Review queue", icon: "review", group: "work", permission: "approval:decide" },
  { href: "/library", label: "Control library", icon: "library", group: "governance", permission: "library:read" },
  { href: "/audit", label: "Audit log", icon: "audit", group: "governance", permission: "audit:read" },
  { href: "/exports", label: "Exports", icon: "exports", group: "governance", permission: "export:run" },
  { href: "/admin/users", label: "Users", icon: "users", group: "admin", permission: "user:manage" },
  { href: "/admin/tokens", label: "API tokens", icon: "tokens", group: "admin", permission: "token:manage" },
  { href: "/admin/webhooks", label: "Webhooks", icon: "webhooks", group: "admin", permission: "webhook:manage" },
  { href: "/admin/library", label: "Library versions", icon: "libraryVersions", group: "admin", permission: "library:manage" },
  { href: "/admin/approvals", label: "Approval policy", icon: "policy", group: "admin", permission: "settings:manage" },
  { href: "/admin/review-cycles", label: "Review cycles", icon: "cycles", group: "admin", permission: "settings:manage" },
  { href: "/admin/incident-rules", label: "Incident rules", icon: "incidents", group: "admin", permission: "settings:manage" },
  { href: "/admin/settings", label: "Settings", icon: "settings", group: "admin", permission: "settings:manage" },
  { href: "/api-reference", label: "API reference", icon: "api", group: "help" },
  { href: "/about", label: "About", icon: "about", group: "help" },
];

/** The entries a role may see, in display order (plain data, safe to hand to client components). */
export function navItemsFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || hasPermission(role, item.permission));
}

/** The groups holding at least one of `items`, in display order, each with its entries in order. */
export function groupNavItems(items: readonly NavItem[]): { key: NavGroupKey; heading: string | null; items: NavItem[] }[] {
  return NAV_GROUPS.map((group) => ({ key: group.key, heading: group.heading, items: items.filter((item) => item.group === group.key) })).filter(
    (group) => group.items.length > 0,
  );
}

/**
 * Whether `href` is the current entry for `pathname`: "/" matches only itself; others match
 * their subtree, except below the paths in `except` (which have their own entry).
 */
export function isNavActive(href: string, pathname: string, except: readonly string[] = []): boolean {
  if (href === "/") return pathname === "/";
  const within = (base: string) => pathname === base || pathname.startsWith(`${base}/`);
  return within(href) && !except.some(within);
}
