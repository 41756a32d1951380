import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";
import { signIn } from "./helpers";
import { E2E_PORT, USERS, type UserKey } from "./users";

/** A browser context's cookies and local storage, as `BrowserContext.storageState()` returns them. */
export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/**
 * Signed-in sessions for specs that are not about signing in.
 *
 * Each seeded role (e2e/users.ts) signs in through the real form once per Playwright worker,
 * the first time a test asks for it; its cookies (the storage state) are then reused, so a
 * spec that switches between four people no longer pays four form sign-ins (an Argon2 check
 * and a render of the home page each) every time. Signing in itself is what e2e/auth.spec.ts
 * and e2e/session-security.spec.ts test: they keep signing in through the form.
 *
 * A reused session must never be signed out: sign-out ends the server-side session
 * (lib/auth/session-store.ts) for every later test of the worker. To change who is signed in,
 * call `actAs` again (it replaces the context's cookies); `pageAs` gives a second person their
 * own browser context. Sessions last `SESSION_MAX_AGE_HOURS` (12 h by default), far longer
 * than a run.
 */
export type Sessions = {
  /**
   * Makes `page` (its whole browser context, `page.request` included) signed in as `who`:
   * replaces the context's cookies with that person's session, opens `path` and checks the
   * app frame names them (so a later "not shown" assertion never runs on another person's
   * page, nor on a blank one). `path` must be a page inside the app frame.
   */
  actAs(page: Page, who: UserKey, path?: string): Promise<void>;
  /** A new browser context signed in as `who`, opened at `path` (checked as in `actAs`); closed after the test. */
  pageAs(who: UserKey, path?: string): Promise<Page>;
};

/** Same origin as playwright.config.ts's baseURL (it explains why "localhost"). */
const baseURL = `http://localhost:${E2E_PORT}`;

async function expectSignedIn(page: Page, who: UserKey) {
  await expect(page.getByTestId("current-user")).toHaveText(USERS[who].name);
}

/**
 * Every spec imports `test` from here, also those that sign in through the form: a spec on
 * Playwright's own `test` has other worker fixtures, so the runner would start a worker (and a
 * browser, and the sign-ins) of its own for it instead of reusing the running one.
 */
export const test = base.extend<{ sessions: Sessions }, { storageStateOf: (who: UserKey) => Promise<StorageState> }>({
  storageStateOf: [
    async ({ browser }, use) => {
      const cache = new Map<UserKey, Promise<StorageState>>();
      await use((who) => {
        let state = cache.get(who);
        if (!state) {
          state = (async () => {
            const context = await browser.newContext({ baseURL });
            try {
              await signIn(await context.newPage(), who);
              return await context.storageState();
            } finally {
              await context.close();
            }
          })();
          cache.set(who, state);
          // A failed sign-in is not remembered: the next test that needs it tries again.
          state.catch(() => cache.delete(who));
        }
        return state;
      });
    },
    { scope: "worker" },
  ],

  sessions: async ({ browser, storageStateOf }, use) => {
    const contexts: BrowserContext[] = [];
    await use({
      async actAs(page, who, path = "/") {
        const state = await storageStateOf(who);
        await page.context().clearCookies();
        await page.context().addCookies(state.cookies);
        await page.goto(path);
        await expectSignedIn(page, who);
      },
      async pageAs(who, path = "/") {
        const context = await browser.newContext({ baseURL, storageState: await storageStateOf(who) });
        contexts.push(context);
        const page = await context.newPage();
        await page.goto(path);
        await expectSignedIn(page, who);
        return page;
      },
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
