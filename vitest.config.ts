import path from "node:path";
import { defineConfig } from "vitest/config";

// Services that derive keys from AUTH_SECRET (API token hashes) need one in tests too.
const env = { AUTH_SECRET: "tests-only-auth-secret-0123456789abcdef0123" };

const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          env,
          // Pure tests finish in milliseconds; the limit is for a loaded 2-core machine, where the
          // first test of a file may also pay for compiling a JSON schema (Ajv) or a big import.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "test/**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          environment: "node",
          env,
          globalSetup: ["test/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: "forks",
          maxWorkers: 2,
        },
      },
    ],
  },
});
