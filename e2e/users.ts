/** Accounts the e2e server seeds into its own database (see e2e/serve.ts). */
export const PASSWORD = "e2e-password-1234";

export const USERS = {
  admin: { email: "admin@e2e.test", name: "Ada Admin", role: "ADMIN" },
  reviewer: { email: "reviewer@e2e.test", name: "Rita Reviewer", role: "SECURITY_REVIEWER" },
  owner: { email: "owner@e2e.test", name: "Pat Owner", role: "PRODUCT_OWNER" },
  owner2: { email: "owner2@e2e.test", name: "Otto Other", role: "PRODUCT_OWNER" },
  auditor: { email: "auditor@e2e.test", name: "Aldo Auditor", role: "AUDITOR" },
} as const;

export type UserKey = keyof typeof USERS;

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

/** Where the e2e server records its database (and embedded server) for the global teardown. */
export const E2E_STATE_FILE = `${process.env.TMPDIR ?? "/tmp"}/aigov-e2e-${E2E_PORT}.json`;
