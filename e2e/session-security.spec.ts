import { request as apiRequest, type Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PASSWORD, SSO_ACCOUNTS, SSO_SEED, THROTTLED_USER, USERS } from "./users";
import { signIn, signOut, uniqueName } from "./helpers";

/** Any URL whose host is not this machine: such requests are aborted, never sent. */
const LEAVES_LOOPBACK = /^[a-z]+:\/\/(?!(?:localhost|127\.0\.0\.1)[:/])/i;

/** Signs in through the form on /login?next=<raw>, exactly as a victim's browser would. */
async function signInWithNext(page: Page, rawNext: string) {
  await page.goto(`/login?next=${encodeURIComponent(rawNext)}`);
  await page.getByLabel("Email").fill(USERS.reviewer.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

test.describe("[AUTH] open redirect after sign-in", () => {
  // Each of these sent the browser to another origin (or ran script) after a real sign-in.
  const forms = [
    "//evil.example/phish",
    "/\\evil.example/phish",
    "/\t/evil.example/phish",
    "/\n/evil.example/phish",
    "/.//evil.example/phish",
    "/%2f%2fevil.example/phish",
    "/%5c%5cevil.example/phish",
    "\\\\evil.example",
    "javascript:alert(document.domain)",
    "https://evil.example/phish",
  ];
  for (const raw of forms) {
    test(`next=${JSON.stringify(raw)} lands on the app`, async ({ page, baseURL }) => {
      // Nothing may leave loopback: a navigation to another host fails here rather than escaping.
      await page.route(LEAVES_LOOPBACK, (route) => route.abort());
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await signInWithNext(page, raw);
      // Still on the app (a path such as /%2f%2fevil.example is our own 404 page), signed in.
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      expect(dialogs).toEqual([]);
      await page.goto("/");
      await expect(page.getByTestId("current-user")).toHaveText(USERS.reviewer.name);
      // No sign-out: the test's own browser context (and session) ends with it; signing out is
      // tested in e2e/auth.spec.ts.
    });
  }

  test("an ordinary next path is honoured", async ({ page }) => {
    await signInWithNext(page, "/audit?action=auth.sign_in");
    await expect(page).toHaveURL(/\/audit\?action=auth\.sign_in$/);
    await signOut(page);
  });
});

test.describe("[AUTH] rate limit", () => {
  test("rotating X-Forwarded-For does not reset the sign-in limit (no proxy is trusted); the owner's known browser still gets in", async ({ page, browser }) => {
    // The owner signed in from their own browser before: it holds a known-device cookie.
    const ownerContext = await browser.newContext();
    const owner = await ownerContext.newPage();
    const ownerSignIn = async () => {
      await owner.goto("/login");
      await owner.getByLabel("Email").fill(THROTTLED_USER.email);
      await owner.getByLabel("Password").fill(PASSWORD);
      await owner.getByRole("button", { name: "Sign in" }).click();
      await expect(owner.getByTestId("current-user")).toHaveText(THROTTLED_USER.name);
    };
    await ownerSignIn();
    await signOut(owner);

    const attempt = async (password: string, forwardedFor: string) => {
      await page.setExtraHTTPHeaders({ "x-forwarded-for": forwardedFor, "x-real-ip": forwardedFor });
      await page.goto("/login");
      await page.getByLabel("Email").fill(THROTTLED_USER.email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      return page.getByRole("alert").filter({ hasText: /password|Too many/ });
    };
    // The e2e server allows 5 failures per account + IP (LOGIN_MAX_FAILURES=5 in e2e/serve.ts).
    for (let i = 1; i <= 5; i++) {
      await expect(await attempt("not-the-password", `203.0.113.${i}`)).toHaveText("The email or password is not correct.");
    }
    // A sixth "address", with the right password: still refused.
    await expect(await attempt(PASSWORD, "198.51.100.99")).toContainText("Too many failed sign-in attempts");
    await expect(page.getByTestId("current-user")).toHaveCount(0);
    // The attacker cannot lock the owner out of the browser they signed in from before.
    await ownerSignIn();
    await ownerContext.close();
  });
});

test.describe("[AUTH] sign-out ends the session on the server", () => {
  test("a cookie captured before sign-out is refused afterwards for pages, API routes and server actions", async ({ page, context, baseURL }) => {
    await signIn(page, "owner");
    const captured = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    expect(captured).toMatch(/authjs\.session-token=/);

    // Capture a real server action (register a system) to replay it later.
    const name = uniqueName("Replay probe");
    await page.goto("/systems/new");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Purpose and use case").fill("Probe for the session replay test: must exist exactly twice.");
    await page.getByLabel("Risk tier").selectOption("LOW");
    await page.getByLabel("Data sensitivity").selectOption("INTERNAL");
    await page.getByLabel("Autonomy").selectOption("ASSISTIVE");
    await page.getByLabel("Exposure").selectOption("INTERNAL");
    const actionRequest = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
    await page.getByRole("button", { name: "Register system" }).click();
    const action = await actionRequest;
    await expect(page).toHaveURL(/\/systems\/[^/]+\?created=1$/);
    const actionHeaders = await action.allHeaders();
    const replayHeaders: Record<string, string> = { cookie: captured };
    for (const key of ["next-action", "content-type", "origin", "next-router-state-tree", "accept"]) {
      if (actionHeaders[key]) replayHeaders[key] = actionHeaders[key]!;
    }
    const body = action.postDataBuffer()!;
    const bare = await apiRequest.newContext({ baseURL });
    const countProbes = async (cookie: string) => {
      const res = await bare.get(`/api/systems?q=${encodeURIComponent(name)}`, { headers: { cookie } });
      expect(res.status()).toBe(200);
      return ((await res.json()) as { total: number }).total;
    };

    // Control: while signed in, the replay works (so the refusal below is not a broken replay).
    const before = await bare.post(new URL(action.url()).pathname, { headers: replayHeaders, data: body, maxRedirects: 0 });
    expect(before.status()).toBeLessThan(400);
    expect(await countProbes(captured)).toBe(2);
    expect((await bare.get("/systems", { headers: { cookie: captured }, maxRedirects: 0 })).status()).toBe(200);

    await signOut(page);

    // Page: back to sign-in.
    const pageRes = await bare.get("/systems", { headers: { cookie: captured }, maxRedirects: 0 });
    expect(pageRes.status()).toBeGreaterThanOrEqual(300);
    expect(pageRes.status()).toBeLessThan(400);
    expect(pageRes.headers()["location"]).toMatch(/\/login/);
    // API route: 401.
    const apiRes = await bare.get("/api/systems", { headers: { cookie: captured } });
    expect(apiRes.status()).toBe(401);
    // Server action: refused, nothing written.
    const after = await bare.post(new URL(action.url()).pathname, { headers: replayHeaders, data: body, maxRedirects: 0 });
    expect(await after.text()).toContain("Sign in to continue");
    await bare.dispose();

    // A fresh sign-in (a new session) still sees exactly the two probes.
    await signIn(page, "owner");
    const fresh = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const check = await apiRequest.newContext({ baseURL });
    const res = await check.get(`/api/systems?q=${encodeURIComponent(name)}`, { headers: { cookie: fresh } });
    expect(((await res.json()) as { total: number }).total).toBe(2);
    await check.dispose();
  });

  test("signing out on one device leaves the other signed in", async ({ browser }) => {
    const laptop = await browser.newContext();
    const phone = await browser.newContext();
    const a = await laptop.newPage();
    const b = await phone.newPage();
    await signIn(a, "auditor");
    await signIn(b, "auditor");
    await signOut(a);
    await b.goto("/systems");
    await expect(b.getByTestId("current-user")).toHaveText(USERS.auditor.name);
    await laptop.close();
    await phone.close();
  });
});

/** Starts SSO from our sign-in page and signs in at the e2e identity provider as `login`. */
async function signInWithSso(page: Page, login: keyof typeof SSO_ACCOUNTS) {
  // The provider's pages import a web font from the internet: keep every request on loopback.
  await page.route(LEAVES_LOOPBACK, (route) => route.abort());
  await page.goto("/login");
  await page.getByRole("button", { name: "Continue with E2E identity provider" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password: the test provider accepts it");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test.describe("[AUTH] single sign-on through a real OpenID Connect provider", () => {
  test("a user whose group claim is mapped gets that role", async ({ page }) => {
    await signInWithSso(page, "sso-reviewer");
    await expect(page.getByTestId("current-user")).toHaveText(SSO_ACCOUNTS["sso-reviewer"].name);
    await expect(page.getByTestId("current-role")).toHaveText("Security reviewer");
    await signOut(page);
  });

  test("a user with no mapped group lands on 'no access yet'", async ({ page }) => {
    await signInWithSso(page, "sso-newcomer");
    await expect(page).toHaveURL(/\/pending$/);
    await expect(page.getByRole("heading", { name: "You are signed in, but have no access yet" })).toBeVisible();
    await expect(page.getByText(SSO_ACCOUNTS["sso-newcomer"].email)).toBeVisible();
    // The API agrees: no role, nothing to read.
    expect((await page.request.get("/api/systems")).status()).toBe(403);
  });

  test("a disabled user cannot sign in through SSO", async ({ page, sessions }) => {
    await signInWithSso(page, "sso-disabled");
    await expect(page).toHaveURL(/\/login\?.*error=AccessDenied/);
    await expect(page.getByRole("alert").filter({ hasText: "Single sign-on" })).toContainText("this account is disabled or cannot be linked");
    await page.goto("/systems");
    await expect(page).toHaveURL(/\/login/);
    // The refusal is in the audit log, with its reason (read with the worker's shared admin
    // session: never signed out here).
    await sessions.actAs(page, "admin", "/audit?action=auth.sign_in_failed");
    await expect(page.getByTestId("audit-row").filter({ hasText: SSO_ACCOUNTS["sso-disabled"].email }).filter({ hasText: "disabled" }).first()).toBeVisible();
  });

  test("linking an existing account to SSO is audited", async ({ page, sessions }) => {
    await signInWithSso(page, "sso-linker");
    await expect(page.getByTestId("current-user")).toHaveText(SSO_SEED.linker.name);
    await signOut(page);
    await sessions.actAs(page, "admin", "/audit?action=user.sso_linked");
    const row = page.getByTestId("audit-row").filter({ hasText: SSO_SEED.linker.email });
    await expect(row.first()).toBeVisible();
  });
});
