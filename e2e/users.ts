import { execFileSync } from "node:child_process";

/** Accounts the e2e server seeds into its own database (see e2e/serve.ts). */
export const PASSWORD = "e2e-password-1234";

export const USERS = {
  admin: { email: "admin@e2e.test", name: "Ada Admin", role: "ADMIN" },
  reviewer: { email: "reviewer@e2e.test", name: "Rita Reviewer", role: "SECURITY_REVIEWER" },
  reviewer2: { email: "reviewer2@e2e.test", name: "Remy Second", role: "SECURITY_REVIEWER" },
  owner: { email: "owner@e2e.test", name: "Pat Owner", role: "PRODUCT_OWNER" },
  owner2: { email: "owner2@e2e.test", name: "Otto Other", role: "PRODUCT_OWNER" },
  auditor: { email: "auditor@e2e.test", name: "Aldo Auditor", role: "AUDITOR" },
} as const;

export type UserKey = keyof typeof USERS;

/** The e2e OpenID Connect provider's client (e2e/oidc-idp.ts) and its group → role mapping. */
export const SSO_CLIENT_ID = "aigov-e2e";
export const SSO_ROLE_MAPPING = "ai-security=SECURITY_REVIEWER,ai-auditors=AUDITOR";

/**
 * Accounts at the e2e identity provider; the key is what one types as its login.
 * `disabled` and `linker` also exist in the app's database (seeded by e2e/serve.ts):
 * `disabled` is a disabled SSO user, `linker` a password user whose email matches.
 */
export const SSO_ACCOUNTS = {
  "sso-reviewer": { email: "sso-reviewer@e2e.test", name: "Sophie SSO Reviewer", groups: ["staff", "ai-security"] },
  "sso-newcomer": { email: "sso-newcomer@e2e.test", name: "Nico Newcomer", groups: ["staff"] },
  "sso-disabled": { email: "sso-disabled@e2e.test", name: "Dora Disabled", groups: ["ai-auditors"] },
  "sso-linker": { email: "linker@e2e.test", name: "Lina Linker", groups: ["ai-auditors"] },
} as const;

/** A password user only the rate-limit test signs in as (it ends up throttled). */
export const THROTTLED_USER = { email: "throttled@e2e.test", name: "Theo Throttled", role: "AUDITOR" } as const;

/** App-side seed for the SSO accounts above (see e2e/serve.ts). */
export const SSO_SEED = {
  disabled: { email: "sso-disabled@e2e.test", name: "Dora Disabled", role: "AUDITOR", oidcSubject: "sso-disabled", disabled: true },
  linker: { email: "linker@e2e.test", name: "Lina Linker", role: "PRODUCT_OWNER" },
} as const;

/**
 * The e2e server's port: E2E_PORT when set, otherwise a port the OS reports free, chosen once
 * by the Playwright runner and handed to its workers and the web server through the
 * environment (they inherit it), so a user running something on a fixed port never breaks
 * `npm test`, and two suites can run side by side.
 */
export const E2E_PORT = Number((process.env.E2E_PORT ??= pickFreePort()));

function pickFreePort(): string {
  // Synchronous because Playwright reads its config synchronously: ask a child Node process
  // to bind port 0 on loopback and print what it got.
  const script =
    'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})';
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

/** Where the e2e server records its database (and embedded server) for the global teardown. */
export const E2E_STATE_FILE = `${process.env.TMPDIR ?? "/tmp"}/aigov-e2e-${E2E_PORT}.json`;
