import { defineConfig } from "prisma/config";
import { MigrationPgAdapterFactory } from "./lib/db/migration-adapter";

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL must be set to run Prisma migrations");
    return new MigrationPgAdapterFactory(url);
  },
});
