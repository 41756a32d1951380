import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { getConfig, oidcEnabled } from "@/lib/config";
import { appendAudit } from "@/lib/audit/append";
import { authenticateWithPassword } from "./authenticate";
import { roleFromClaim } from "./oidc-roles";
import { clientIp } from "./request-ip";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

declare module "next-auth" {
  interface Session {
    sv?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

function providers(): NextAuthConfig["providers"] {
  const cfg = getConfig();
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const result = await authenticateWithPassword(
          db,
          {
            email: String(credentials?.email ?? ""),
            password: String(credentials?.password ?? ""),
            ip: clientIp(request.headers),
            userAgent: request.headers.get("user-agent") ?? undefined,
          },
          { maxFailures: cfg.LOGIN_MAX_FAILURES, windowMinutes: cfg.LOGIN_WINDOW_MINUTES },
        );
        if (!result.ok) throw result.reason === "RATE_LIMITED" ? new RateLimited() : new InvalidCredentials();
        return result.user;
      },
    }),
  ];
  if (oidcEnabled(cfg)) {
    list.push({
      id: "oidc",
      name: cfg.OIDC_DISPLAY_NAME,
      type: "oidc",
      issuer: cfg.OIDC_ISSUER,
      clientId: cfg.OIDC_CLIENT_ID,
      clientSecret: cfg.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      checks: ["pkce", "state"],
    });
  }
  return list;
}

/** First SSO sign-in creates the user with no role (or the mapped one); later ones re-link. */
async function upsertOidcUser(subject: string, email: string, name: string, claim: unknown) {
  const cfg = getConfig();
  const mapped = roleFromClaim(claim, cfg.OIDC_ROLE_MAPPING);
  const existing =
    (await db.user.findUnique({ where: { oidcSubject: subject } })) ??
    (await db.user.findUnique({ where: { email: email.toLowerCase() } }));
  if (existing) {
    if (!existing.oidcSubject) await db.user.update({ where: { id: existing.id }, data: { oidcSubject: subject } });
    return existing;
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: email.toLowerCase(), name: name || email, oidcSubject: subject, role: mapped },
    });
    await appendAudit(tx, user, {
      action: "user.created_by_sso",
      entityType: "User",
      entityId: user.id,
      summary: { email: user.email, role: mapped },
    });
    return user;
  });
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  trustHost: true,
  // A refused password is an expected outcome (rate-limited and audited elsewhere), not a
  // server error worth a stack trace in the logs.
  logger: {
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: providers(),
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      if (!profile?.sub || !profile.email) return false;
      const user = await upsertOidcUser(
        profile.sub,
        profile.email,
        String(profile.name ?? ""),
        (profile as Record<string, unknown>)[getConfig().OIDC_ROLE_CLAIM],
      );
      return !user.disabled;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === "oidc" && account.providerAccountId) {
        const dbUser = await db.user.findUnique({ where: { oidcSubject: account.providerAccountId } });
        if (dbUser) {
          token.uid = dbUser.id;
          token.sv = dbUser.sessionVersion;
        }
      } else if (user?.id) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      session.sv = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
}));
