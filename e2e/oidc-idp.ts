/**
 * A real OpenID Connect provider for the end-to-end suite: `oidc-provider` (MIT) on a free
 * loopback port, started by e2e/serve.ts before the app, which is configured to use it.
 * Its development login form accepts any password: the login name picks the account below.
 * Consent is granted automatically (a first-party client), as a company IdP would.
 */
import type { AddressInfo } from "node:net";
import http from "node:http";
import { randomBytes } from "node:crypto";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { SSO_ACCOUNTS, SSO_CLIENT_ID } from "./users";

export async function startOidcProvider(appOrigin: string): Promise<{ issuer: string; clientSecret: string; close: () => Promise<void> }> {
  const clientSecret = randomBytes(24).toString("base64url");
  // Bind first so the issuer can name the port the OS gave us.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: SSO_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: [`${appOrigin}/api/auth/callback/oidc`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const account = SSO_ACCOUNTS[id as keyof typeof SSO_ACCOUNTS];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: true, name: account.name, groups: [...account.groups] };
        },
      };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const existing = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  // Plain http on loopback: development mode of the provider (no TLS in the test harness).
  provider.on("server_error", (_ctx: unknown, error: Error) => console.error("[oidc-idp]", error));
  provider.on("grant.error", (_ctx: unknown, error: Error & { error_detail?: string }) => console.error("[oidc-idp] grant refused:", error.message, error.error_detail ?? ""));
  server.on("request", provider.callback());
  return {
    issuer,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
