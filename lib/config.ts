/**
 * Runtime configuration: every environment variable the app reads is declared and parsed
 * here, once. A wrong value stops start-up with a message naming the variable.
 */
import { isIP } from "node:net";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ROLES = ["ADMIN", "SECURITY_REVIEWER", "PRODUCT_OWNER", "AUDITOR"] as const;

/** "group-a=ADMIN,group-b=AUDITOR" -> { "group-a": "ADMIN", ... } */
const roleMapping = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const mapping: Record<string, (typeof ROLES)[number]> = {};
    if (!value) return mapping;
    for (const pair of value.split(",").map((p) => p.trim()).filter(Boolean)) {
      const [claim, role] = pair.split("=").map((p) => p.trim());
      if (!claim || !role || !(ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({
          code: "custom",
          message: `expected "claimValue=ROLE" pairs with ROLE one of ${ROLES.join(", ")}; got "${pair}"`,
        });
        return z.NEVER;
      }
      mapping[claim] = role as (typeof ROLES)[number];
    }
    return mapping;
  });

/** One entry of `TRUSTED_PROXIES`: an address with its prefix length (a single IP is /32 or /128). */
export type TrustedProxy = { address: string; prefix: number; family: "ipv4" | "ipv6" };

/** "10.0.0.0/8, 192.168.1.5, fd00::/8" -> entries; anything else names the bad entry. */
const trustedProxies = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const list: TrustedProxy[] = [];
    for (const entry of (value ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
      const [address = "", prefixText, extra] = entry.split("/");
      const version = isIP(address);
      const max = version === 6 ? 128 : 32;
      const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (version === 0 || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
        ctx.addIssue({ code: "custom", message: `expected IP addresses or CIDR ranges separated by commas; got "${entry}"` });
        return z.NEVER;
      }
      list.push({ address, prefix, family: version === 6 ? "ipv6" : "ipv4" });
    }
    return list;
  });

export const ZConfig = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_URL: z.url().optional(),
    API_TOKEN_PEPPER: z.string().min(32, "must be at least 32 characters").optional(),
    /** Encrypts the instance signing key at rest; defaults to a key derived from AUTH_SECRET (lib/signing/key-material.ts). */
    SIGNING_KEY_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DEMO_MODE: bool,
    INITIAL_ADMIN_EMAIL: z.email().optional(),
    INITIAL_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_DISPLAY_NAME: z.string().min(1).default("Single sign-on"),
    OIDC_ROLE_CLAIM: z.string().min(1).default("groups"),
    OIDC_ROLE_MAPPING: roleMapping,
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
    LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    LOGIN_BACKOFF_AFTER: z.coerce.number().int().min(1).max(1000).default(10),
    LOGIN_BACKOFF_MAX_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    TRUSTED_PROXIES: trustedProxies,
    SESSION_MAX_AGE_HOURS: z.coerce.number().int().min(1).max(30 * 24).default(12),
    MAX_IMPORT_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
    // Background job workers in this process (default on). Set 0 on web instances when
    // `npm run worker` processes do the work (README, "Background jobs").
    JOB_WORKERS: z
      .enum(["true", "false", "1", "0", "yes", "no", ""])
      .optional()
      .transform((v) => v === undefined || v === "" || v === "true" || v === "1" || v === "yes"),
    /** smtp://user:pass@host:587 or smtps://…; unset = no email, inbox only. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
    /** Sender of notification emails, e.g. "AI Governance <governance@example.com>". */
    SMTP_FROM: z.string().min(3).max(200).optional(),
    EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).max(2 * 1024 * 1024 * 1024).default(25 * 1024 * 1024),
    /** Let webhooks reach loopback, private, link-local and other non-public addresses (lib/webhooks/ssrf.ts). Default off. */
    WEBHOOKS_ALLOW_PRIVATE: bool,
  })
  .superRefine((cfg, ctx) => {
    const oidc = [cfg.OIDC_ISSUER, cfg.OIDC_CLIENT_ID, cfg.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!cfg[key]) {
          ctx.addIssue({ code: "custom", path: [key], message: "is required when any OIDC_* variable is set" });
        }
      }
    }
    if (cfg.INITIAL_ADMIN_PASSWORD && !cfg.INITIAL_ADMIN_EMAIL) {
      ctx.addIssue({ code: "custom", path: ["INITIAL_ADMIN_EMAIL"], message: "is required when INITIAL_ADMIN_PASSWORD is set" });
    }
  });

export type TConfig = z.infer<typeof ZConfig>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses an environment (process.env by default); throws ConfigError naming each bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): TConfig {
  const result = ZConfig.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(config)"}: ${issue.message}`),
    );
  }
  return result.data;
}

/**
 * For command-line scripts that need a database (bootstrap, worker): parses the environment,
 * or prints what is wrong and exits with status 1 (also when DATABASE_URL is missing).
 */
export function scriptConfigOrExit(env: Record<string, string | undefined> = process.env): TConfig & { DATABASE_URL: string } {
  try {
    const cfg = parseConfig(env);
    if (cfg.DATABASE_URL) return { ...cfg, DATABASE_URL: cfg.DATABASE_URL };
    process.stderr.write("Invalid configuration:\n  - DATABASE_URL: is required\n");
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
  }
  process.exit(1);
}

let cached: TConfig | undefined;
export function getConfig(): TConfig {
  cached ??= parseConfig();
  return cached;
}

export function oidcEnabled(cfg: TConfig = getConfig()) {
  return Boolean(cfg.OIDC_ISSUER && cfg.OIDC_CLIENT_ID && cfg.OIDC_CLIENT_SECRET);
}
