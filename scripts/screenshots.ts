/**
 * Takes full-page screenshots of a running instance, signed in as a given user, so a
 * person (or an agent) can look at what the pages really look like.
 *   npx tsx scripts/screenshots.ts --base http://localhost:3000 --email a@x --password p /systems /audit
 * Files go to screenshots/ (git-ignored).
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

function arg(name: string, fallback?: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main() {
  const base = arg("base", "http://localhost:3000")!;
  const email = arg("email");
  const password = arg("password");
  const prefix = arg("prefix", "page")!;
  const paths = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
  const out = path.resolve("screenshots");
  fs.mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  if (email && password) {
    await page.goto(`${base}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  }
  for (const p of paths) {
    await page.goto(`${base}${p}`);
    await page.waitForLoadState("networkidle");
    const file = path.join(out, `${prefix}${p.replace(/[^a-z0-9]+/gi, "_")}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
  await browser.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
