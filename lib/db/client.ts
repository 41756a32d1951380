import "server-only";
import { PrismaClient } from "@/generated/prisma/client";
import { createPrismaClient } from "./create-client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** The app's one Prisma client (reused across hot reloads in development). */
export const db: PrismaClient = (globalForPrisma.prisma ??= createPrismaClient());

