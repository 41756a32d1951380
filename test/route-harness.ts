/**
 * Stand-ins for the two modules a route handler reaches outside its own code, for integration
 * tests that call the handlers directly: the session (who is asking) and the app's database
 * client (which database). Everything behind them — services, permission checks, the real
 * PostgreSQL — runs as in production.
 *
 * Usage (the mock factories are hoisted above the imports, so the state comes from vi.hoisted):
 *
 *   const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
 *   vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state));
 *   vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));
 *   const route = await import("@/app/api/…/route");   // after the mocks
 */
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { UnauthenticatedError } from "@/lib/errors";

/**
 * The `@/lib/auth/session` module as a route or a server action sees it: `requireApiActor`
 * answers `state.actor` (read at call time, so a test switches actors by assigning it) or throws
 * UnauthenticatedError when it is null; `requireActor` and `getActor` (pages) answer
 * `state.actor` as it is; `requestMeta` answers `meta`.
 */
export function sessionAs(state: { actor: Actor | null }, meta: { requestId: string; ip?: string } = { requestId: "test" }) {
  return {
    requireApiActor: async () => {
      if (!state.actor) throw new UnauthenticatedError();
      return state.actor;
    },
    requireActor: async () => state.actor,
    getActor: async () => state.actor,
    requestMeta: async () => meta,
  };
}

/** The `@/lib/db/client` module pointing at `state.db` (read at each access: the test's database). */
export function clientOf(state: { db: Db | null }) {
  return {
    get db() {
      return state.db;
    },
  };
}
