import { randomBytes } from "node:crypto";
import type { Role } from "@/generated/prisma/enums";
import type { UserActor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { hashPassword } from "@/lib/auth/password";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString("hex")}`;

export async function createUser(db: Db, role: Role | null, opts: { password?: string; email?: string; name?: string } = {}) {
  const id = unique();
  const user = await db.user.create({
    data: {
      email: opts.email ?? `${(role ?? "norole").toLowerCase()}-${id}@example.test`,
      name: opts.name ?? `${role ?? "No role"} ${id}`,
      role,
      passwordHash: opts.password ? await hashPassword(opts.password) : null,
    },
  });
  return user;
}

export function actorOf(user: { id: string; email: string; name: string; role: Role | null }): UserActor {
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function createActor(db: Db, role: Role) {
  return actorOf(await createUser(db, role));
}

export function systemInput(overrides: Record<string, unknown> = {}) {
  return {
    name: `Support assistant ${unique()}`,
    purpose: "Answers customer questions from the help centre.",
    riskTier: "MEDIUM",
    dataSensitivity: "INTERNAL",
    autonomy: "ASSISTIVE",
    exposure: "INTERNET_FACING",
    contributorIds: [],
    ...overrides,
  };
}
