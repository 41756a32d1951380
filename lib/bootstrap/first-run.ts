/**
 * First-run bootstrap, shared by `npm start`, the Docker entrypoint and the tests.
 *
 * On a database with no users it creates either the demo data (demo mode only) or the first
 * administrator, and records the fact in `InstanceSetting` ("bootstrap") in the same
 * transaction, so it happens exactly once even when several instances start together.
 * There are no default credentials: outside demo mode the first admin's password comes from
 * INITIAL_ADMIN_PASSWORD or is generated and handed back to the caller to show once.
 */
import { lockForTransaction } from "@/lib/db/locks";
import { ensureShippedLibraries } from "@/lib/controls/store";
import { ensureShippedThreatLibraries } from "@/lib/threats/store";
import "server-only";
import { randomInt } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/create-client";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData, type DemoSeedResult } from "./demo-seed";

export const BOOTSTRAP_KEY = "bootstrap";
/**
 * Not "admin@localhost": sign-in and user forms validate addresses with `z.email()`, which
 * requires a dotted domain. `.localhost` is a reserved name (RFC 6761), never a real mailbox.
 */
export const DEFAULT_ADMIN_EMAIL = "admin@aigov.localhost";

/** Serialises concurrent first runs (distinct from the audit chain's lock key). */

export type FirstRunOptions = {
  demo: boolean;
  initialAdminEmail?: string;
  initialAdminPassword?: string;
  now?: Date;
};

export type FirstRunResult =
  /** Nothing to do: bootstrap already recorded. */
  | { kind: "already-done"; mode: string | null; demoRequested: boolean }
  /** The database already had users (e.g. restored from a backup): recorded, nothing created. */
  | { kind: "existing-users"; demoRequested: boolean }
  /** First admin created. `generatedPassword` is set only when we made it up: show it once. */
  | { kind: "admin-created"; email: string; generatedPassword: string | null }
  | ({ kind: "demo-seeded" } & DemoSeedResult);

/** 25 characters from an unambiguous alphabet in groups of five (~143 bits). */
export function generateAdminPassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const groups: string[] = [];
  for (let g = 0; g < 5; g++) {
    let group = "";
    for (let i = 0; i < 5; i++) group += alphabet[randomInt(alphabet.length)];
    groups.push(group);
  }
  return groups.join("-");
}

async function recordBootstrap(tx: Prisma.TransactionClient, value: Record<string, unknown>) {
  await tx.instanceSetting.create({
    data: { key: BOOTSTRAP_KEY, value: value as Prisma.InputJsonValue },
  });
}

function modeOf(value: unknown): string | null {
  if (value && typeof value === "object" && typeof (value as { mode?: unknown }).mode === "string") {
    return (value as { mode: string }).mode;
  }
  return null;
}

export async function runFirstRun(db: Db, opts: FirstRunOptions): Promise<FirstRunResult> {
  const now = opts.now ?? new Date();
  // The control library ships as data files: seed any version this release adds, every start.
  await ensureShippedLibraries(db);
  await ensureShippedThreatLibraries(db);
  const existing = await db.instanceSetting.findUnique({ where: { key: BOOTSTRAP_KEY } });
  if (existing) return { kind: "already-done", mode: modeOf(existing.value), demoRequested: opts.demo };

  return db.$transaction(
    async (tx): Promise<FirstRunResult> => {
      await lockForTransaction(tx, "bootstrap");
      const marker = await tx.instanceSetting.findUnique({ where: { key: BOOTSTRAP_KEY } });
      if (marker) return { kind: "already-done", mode: modeOf(marker.value), demoRequested: opts.demo };

      if ((await tx.user.count()) > 0) {
        await recordBootstrap(tx, { mode: "existing-users", completedAt: now.toISOString() });
        return { kind: "existing-users", demoRequested: opts.demo };
      }

      if (opts.demo) {
        const seeded = await seedDemoData(tx, { now });
        await recordBootstrap(tx, { mode: "demo", completedAt: now.toISOString(), ...seeded });
        return { kind: "demo-seeded", ...seeded };
      }

      const email = (opts.initialAdminEmail ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
      const generatedPassword = opts.initialAdminPassword ? null : generateAdminPassword();
      const admin = await tx.user.create({
        data: {
          email,
          name: "Administrator",
          role: "ADMIN",
          passwordHash: await hashPassword(opts.initialAdminPassword ?? generatedPassword!),
          // A generated password has been on a console: it must be replaced at first sign-in.
          mustChangePassword: generatedPassword !== null,
        },
        select: { id: true },
      });
      await appendAudit(tx, null, {
        action: "user.created",
        entityType: "User",
        entityId: admin.id,
        summary: {
          email,
          role: "ADMIN",
          source: "first-run",
          password: generatedPassword ? "generated" : "INITIAL_ADMIN_PASSWORD",
        },
      });
      await recordBootstrap(tx, { mode: "admin", completedAt: now.toISOString(), adminEmail: email });
      return { kind: "admin-created", email, generatedPassword };
    },
    // Demo seeding hashes five passwords and writes ~150 rows: well past the 5 s default.
    { timeout: 120_000, maxWait: 60_000 },
  );
}

/** The one-time console notice for a generated admin password. */
export function credentialsBox(email: string, password: string): string {
  const lines = [
    "First administrator account created",
    "",
    `  email:     ${email}`,
    `  password:  ${password}`,
    "",
    "This password is shown only once and is not stored anywhere.",
    "Sign in now; you will be asked to choose a new password.",
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const bar = "─".repeat(width + 2);
  return [`┌${bar}┐`, ...lines.map((l) => `│ ${l.padEnd(width)} │`), `└${bar}┘`].join("\n");
}

/** A human summary of what the first run did (one or a few lines, never a secret). */
export function describeFirstRun(result: FirstRunResult): string {
  switch (result.kind) {
    case "already-done":
      return result.demoRequested && result.mode !== "demo"
        ? "Demo mode was requested, but this database was already set up without demo data: nothing was seeded."
        : "Database already set up.";
    case "existing-users":
      return result.demoRequested
        ? "Demo mode was requested, but the database already has users: nothing was seeded."
        : "Database already has users: no initial administrator created.";
    case "admin-created":
      return result.generatedPassword
        ? `Created the first administrator ${result.email}.`
        : `Created the first administrator ${result.email} with the password from INITIAL_ADMIN_PASSWORD.`;
    case "demo-seeded":
      return [
        `Demo data created: ${result.systems} AI systems with ${result.assets} assets, and one account per role`,
        `(password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => u.email).join(", ")}.`,
      ].join("\n");
  }
}
