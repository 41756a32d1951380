import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db/client";
import { getConfig, oidcEnabled } from "@/lib/config";
import { appendAudit } from "@/lib/audit/append";
import type { RequestMeta } from "@/lib/authz/actor";
import { authenticateWithPassword, loginLimitsFromConfig } from "./authenticate";
import { DEVICE_COOKIE, readCookie, verifyDeviceToken } from "./device-cookie";
import { findOrCreateOidcUser } from "./oidc-user";
import { roleFromClaim } from "./oidc-roles";
import { clientIp } from "./request-ip";
import { safeRedirectUrl } from "./safe-next";
import { createSession, signOutSession } from "./session-store";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

declare module "next-auth" {
  interface Session {
    /** Id of the server-side session record (AuthSession); absent when there is none. */
    sid?: string;
  }
}

function metaOf(headers: Headers | undefined): RequestMeta | undefined {
  if (!headers) return undefined;
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 300) ?? undefined };
}

function providers(): NextAuthConfig["providers"] {
  const cfg = getConfig();
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const email = String(credentials?.email ?? "").trim().toLowerCase();
        const result = await authenticateWithPassword(
          db,
          {
            email,
            password: String(credentials?.password ?? ""),
            ip: clientIp(request.headers),
            userAgent: request.headers.get("user-agent") ?? undefined,
            knownDevice:
              verifyDeviceToken(readCookie(request.headers.get("cookie"), DEVICE_COOKIE), email, process.env.AUTH_SECRET) ?? undefined,
          },
          loginLimitsFromConfig(),
        );
        if (!result.ok) throw result.reason === "RATE_LIMITED" ? new RateLimited() : new InvalidCredentials();
        return { id: result.user.id, email: result.user.email, name: result.user.name };
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
      checks: ["pkce", "state", "nonce"],
      // The standard place for scope claims (email, name, groups) in the code flow is the
      // userinfo endpoint; many providers leave them out of the ID token. The ID token is
      // still verified, and userinfo's `sub` must match it.
      idToken: false,
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth((request) => {
  const cfg = getConfig();
  const meta = metaOf(request?.headers);
  return {
    trustHost: true,
    // A refused password or SSO sign-in is an expected outcome (rate-limited and audited
    // elsewhere), not a server error worth a stack trace in the logs.
    logger: {
      error(error) {
        const type = (error as { type?: string }).type;
        // Refused SSO sign-ins (disabled, unlinkable) are audited by findOrCreateOidcUser.
        if (error.name === "CredentialsSignin" || type === "CredentialsSignin" || type === "AccessDenied") return;
        console.error(error);
      },
    },
    secret: process.env.AUTH_SECRET,
    // The cookie lives as long as the longest session may; the server-side record
    // (session-store.ts) holds the real, absolute end, which use never extends.
    session: { strategy: "jwt", maxAge: cfg.SESSION_MAX_AGE_HOURS * 3600 },
    // Auth.js's own format, with the derived key cached per process (session-token.ts).
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken as NonNullable<NextAuthConfig["jwt"]>["decode"] },
    pages: { signIn: "/login", error: "/login" },
    providers: providers(),
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (!profile?.sub || !profile.email) return false;
        const result = await findOrCreateOidcUser(
          db,
          {
            subject: profile.sub,
            email: profile.email,
            emailVerified: profile.email_verified === true,
            name: String(profile.name ?? ""),
            mappedRole: roleFromClaim((profile as Record<string, unknown>)[cfg.OIDC_ROLE_CLAIM], cfg.OIDC_ROLE_MAPPING),
          },
          meta,
        );
        return result.ok;
      },
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
      async jwt({ token, user, account, trigger }) {
        if (trigger !== "signIn" && trigger !== "signUp") return token;
        // A new sign-in: start a server-side session and keep only its id in the cookie.
        let userId: string | undefined;
        if (account?.provider === "oidc" && account.providerAccountId) {
          const dbUser = await db.user.findUnique({ where: { oidcSubject: account.providerAccountId }, select: { id: true, email: true } });
          userId = dbUser?.id;
          if (dbUser) {
            await db.$transaction(async (tx) => {
              await tx.user.update({ where: { id: dbUser.id }, data: { lastLoginAt: new Date() } });
              await appendAudit(tx, dbUser, { action: "auth.sign_in", entityType: "User", entityId: dbUser.id, summary: { method: "oidc" } }, meta);
            });
          }
        } else {
          userId = user?.id;
        }
        if (!userId) return null;
        const session = await createSession(db, { userId, method: account?.provider === "oidc" ? "oidc" : "password", maxAgeHours: cfg.SESSION_MAX_AGE_HOURS });
        return { sub: userId, sid: session.id };
      },
      async session({ session, token }) {
        if (typeof token.sub === "string") session.user.id = token.sub;
        if (typeof token.sid === "string") session.sid = token.sid;
        return session;
      },
    },
    events: {
      // Sign-out through our action or Auth.js's own endpoint: end the server-side session,
      // so a copy of the cookie is worthless from now on.
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid === "string") await signOutSession(db, sid, meta);
      },
    },
  };
});
