import type { Role } from "@/generated/prisma/enums";
import type { Permission } from "./permissions";
import type { ApiScope } from "./scopes";

/**
 * Who a service acts for. Every service takes one in its context, checks it first
 * (`assertCan` in ./policy.ts) and names it in the audit events it writes.
 *
 * - `user`: a person signed in through the browser (`role` is null for SSO users awaiting access).
 * - `token`: a caller presenting an API token. `id`, `email`, `name` and `role` are those of the
 *   token's owner, re-read on every request, so a token never does more than its owner's role
 *   allows; `token.scopes` narrows it further (see ./scopes.ts).
 * - `system`: the product itself running a scheduled or queued job. It has no role; the job
 *   definition grants it an explicit list of permissions.
 */
export type Actor = UserActor | TokenActor | SystemActor;

type Person = {
  /** User id (for a token: its owner's; for the system: `system:<job>`). */
  id: string;
  email: string;
  name: string;
  role: Role | null;
};

export type UserActor = Person & {
  kind: "user";
  /** Set after an admin-issued temporary password: the user must choose a new one. */
  mustChangePassword?: boolean;
};

export type TokenActor = Person & {
  kind: "token";
  token: { id: string; name: string; scopes: readonly ApiScope[] };
};

export type SystemActor = Person & {
  kind: "system";
  role: null;
  /** The job's name, e.g. `prune-login-failures`. */
  job: string;
  permissions: readonly Permission[];
};

/**
 * The actor for work the product does on its own (a queued or scheduled job).
 * @param job the job's registered name; it appears in audit events as `job:<name>`.
 * @param permissions what the job may do; nothing else is granted.
 */
export function systemActor(job: string, permissions: readonly Permission[] = []): SystemActor {
  return { kind: "system", id: `system:${job}`, email: `job:${job}`, name: `Scheduled job ${job}`, role: null, job, permissions };
}

/** What the audit trail records about the request that caused a change. */
export type RequestMeta = {
  ip?: string;
  userAgent?: string;
  requestId?: string;
};
