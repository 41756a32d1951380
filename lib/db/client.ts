import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient, registerClientAlias } from "./create-client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  return (globalForPrisma.prisma ??= createPrismaClient());
}

/**
 * The app's one Prisma client, created on first use (so building the app needs no
 * database) and reused across hot reloads in development.
 */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
registerClientAlias(db, client);
