import type { Role } from "@/generated/prisma/enums";
import type { AuditRow } from "@/lib/audit/queries";
import type { Permission } from "@/lib/authz/permissions";
import type { ServiceContext } from "@/lib/service-context";

/** What every home query gets: the caller's context plus the day it counts from (UTC). */
export type HomeContext = ServiceContext & {
  /** YYYY-MM-DD (UTC): "overdue" means before this day. */
  today: string;
  /** YYYY-MM-DD: the auditor's "changed since" day. */
  since: string;
  /**
   * Ids of the live (not archived) systems a product owner may see, read once per page so each
   * query filters by primary key instead of repeating the owner-or-contributor test; null for
   * roles that see every system.
   */
  systemIds: string[] | null;
};

/** One line of a task list: what it is, where it lives, and the date that makes it urgent. */
export type TaskItem = {
  id: string;
  title: string;
  /** Second line: system name, pillar, who asked… */
  detail: string;
  /** Where one click takes the person (the item, request or system itself). */
  href: string;
  /** YYYY-MM-DD: due date, expiry date, or since when it has been waiting (see `dateKind`). */
  date?: string | null;
  /** red: overdue/expired; amber: due soon; slate: informational. */
  tone?: "red" | "amber" | "slate";
  /**
   * The audit event the line reports (the auditor's "Changes since"): pages tell it as a
   * sentence (components/audit/task-sentences.ts; lib/ may not import the renderer), `title`
   * and `detail` are the plain fallback.
   */
  auditEvent?: AuditRow;
};

/**
 * One kind of task on the home page ("what needs me"). Each feature adds its own provider to
 * `TASK_PROVIDERS` (lib/home/registry.ts): one object, no change to the page.
 *
 * `count` and `list` must describe the same set, scoped to what the actor may see: the home page
 * shows `count` and the first items, and `/tasks/<key>` pages through `list` with the total
 * `count` (an integration test checks they agree for every provider).
 */
export type TaskProvider = {
  /** URL-safe and unique: `/tasks/<key>`. */
  key: string;
  title: string;
  /** One sentence: why this needs the person. */
  description: string;
  /** Roles whose home shows this list. */
  roles: readonly Role[];
  /** Checked with `can()` before the provider runs (API-token and job actors included). */
  permission: Permission;
  /** Word for the date column: "due", "waiting since", "expires", "changed". */
  dateKind: string;
  /** Text shown when the list is empty. */
  empty: string;
  count(ctx: HomeContext): Promise<number>;
  /** Items in the order they need attention (oldest / most overdue first). */
  list(ctx: HomeContext, page: { skip: number; take: number }): Promise<TaskItem[]>;
};

/** A block of numbers in the portfolio posture (approvals, incidents…), each linking to its list. */
export type PostureFigure = { key: string; label: string; count: number; href: string; tone?: "red" | "amber" | "slate" | "green" };

/**
 * A posture section a later feature contributes (approvals pending/expiring/stale, open
 * incidents by severity and age). Add one to `POSTURE_SECTIONS` in lib/home/registry.ts.
 * Every figure's `count` must equal the total of the list `href` opens.
 */
export type PostureSection = {
  key: string;
  title: string;
  description: string;
  /** When set, the section is left out for actors without this permission. */
  permission?: Permission;
  load(ctx: HomeContext): Promise<PostureFigure[]>;
};
