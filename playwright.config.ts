import { defineConfig } from "@playwright/test";
import { E2E_PORT } from "./e2e/users";

// "localhost", not 127.0.0.1: Next.js rewrites loopback IPs to "localhost" in the URLs route
// handlers see, so an OpenID Connect redirect URI on 127.0.0.1 would differ between the
// authorization request and the token request (the e2e suite signs in through a real IdP).
const baseURL = `http://localhost:${E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // Generous on purpose: a story spec signs in three people and renders a dozen pages, and on a
  // loaded 2-core machine (CI beside other work) one page can take several seconds. Limits
  // only decide how long a real failure takes to report; they never make a slow pass fail.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node_modules/.bin/tsx e2e/serve.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
