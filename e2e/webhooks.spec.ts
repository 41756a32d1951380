import { createHmac, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { request as apiRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { shootBothWidths, uniqueName } from "./helpers";

/** What a receiver does (README, "Outgoing webhooks"): HMAC over `${t}.${body}`, 5 minutes' tolerance. */
function verify(header: string | undefined, body: string, secret: string): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300 || !/^[0-9a-f]{64}$/.test(parts.v1 ?? "")) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1!, "hex"));
}

test.describe("Outgoing webhooks", () => {
  test("an admin creates a webhook to a local receiver, sends a test and sees it delivered (200) in the log; non-admins are refused", async ({ page, baseURL, sessions }) => {
    // Three people, a dozen pages, two viewport screenshots and a delivery through the job
    // queue: 1.7 min of the 2 min limit on a loaded 2-core machine, so give it room.
    test.slow();
    // The receiver, started by this spec on the loopback interface.
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (c: string) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(200, { "content-type": "text/plain" }).end("received");
      });
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/aigov-hook`;

    try {
      await sessions.actAs(page, "admin");
      await page.getByRole("link", { name: "Webhooks" }).click();
      await expect(page).toHaveURL(/\/admin\/webhooks$/);
      await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
      if ((await page.getByTestId(/^webhook-/).count()) === 0) {
        await expect(page.getByText("No webhooks yet")).toBeVisible();
        await shootBothWidths(page, "webhooks", "empty");
      }

      // Loopback is refused while private targets are refused; the input is kept.
      const name = uniqueName("Local receiver");
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByLabel("URL", { exact: true }).fill(target);
      await page.getByRole("checkbox", { name: /approval\.requested/ }).check();
      const createRequest = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
      await page.getByRole("button", { name: "Create webhook" }).click();
      await expect(page.getByText(/Refused: 127\.0\.0\.1 is a loopback address/)).toBeVisible();
      await expect(page.getByLabel("URL", { exact: true })).toHaveValue(target);
      const captured = await createRequest;
      await shootBothWidths(page, "webhooks", "refused");

      // Allow private targets (confirmed, audited), then create.
      await page.getByRole("button", { name: "Allow private targets" }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toContainText("169.254.169.254");
      await dialog.getByRole("button", { name: "Allow private targets" }).click();
      await expect(page.getByRole("button", { name: "Refuse private targets again" })).toBeVisible();
      await page.getByLabel("Name", { exact: true }).fill(name);
      await page.getByLabel("URL", { exact: true }).fill(target);
      await page.getByRole("checkbox", { name: /approval\.requested/ }).check();
      await page.getByRole("button", { name: "Create webhook" }).click();
      const secretBox = page.getByTestId("webhook-secret");
      await expect(secretBox).toBeVisible();
      const secret = (await secretBox.textContent())!.trim();
      expect(secret).toMatch(/^whsec_/);
      await shootBothWidths(page, "webhooks", "created");
      await expect(page.getByTestId("webhook-secret")).toHaveCount(0); // shown once: gone after the reload
      await expect(page.getByTestId(`webhook-${name}`)).toContainText("No deliveries yet");
      await shootBothWidths(page, "webhooks", "list");

      // Its page: send a test, and the log shows the attempt with 200.
      await page.getByRole("link", { name }).click();
      await expect(page).toHaveURL(/\/admin\/webhooks\/[A-Za-z0-9_-]+$/);
      await expect(page.getByText("No deliveries yet")).toBeVisible();
      await shootBothWidths(page, "webhooks", "no-deliveries");
      await page.getByRole("button", { name: "Send test" }).click();
      await expect(page.getByText("Test queued")).toBeVisible();
      const row = page.getByTestId("delivery-attempt-row").first();
      await expect(row).toContainText("webhook.test", { timeout: 60_000 });
      await expect(row).toContainText("200");
      await expect(row).toContainText("received");
      expect(received).toHaveLength(1);
      expect(received[0]!.headers["x-webhook-event"]).toBe("webhook.test");
      expect(verify(received[0]!.headers["x-signature"] as string, received[0]!.body, secret)).toBe(true);
      expect(verify(received[0]!.headers["x-signature"] as string, received[0]!.body, "whsec_wrong")).toBe(false);
      expect(JSON.parse(received[0]!.body)).toMatchObject({ type: "webhook.test", test: true });
      await shootBothWidths(page, "webhooks", "delivered");
      const webhookUrl = new URL(page.url()).pathname;

      // A reviewer: no menu entry, the forbidden page, and the create action replayed with
      // their session is refused (nothing created).
      const reviewer = await sessions.pageAs("reviewer");
      const other = reviewer.context();
      await expect(reviewer.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
      for (const url of ["/admin/webhooks", webhookUrl]) {
        await reviewer.goto(url);
        await expect(reviewer.getByTestId("forbidden")).toBeVisible();
        await expect(reviewer.getByText("Only admins manage outgoing webhooks.")).toBeVisible();
      }
      const cookie = (await other.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
      const sent = await captured.allHeaders();
      const headers: Record<string, string> = { cookie };
      for (const key of ["next-action", "content-type", "origin", "next-router-state-tree", "accept"]) if (sent[key]) headers[key] = sent[key]!;
      const api = await apiRequest.newContext({ baseURL });
      const replay = await api.post(new URL(captured.url()).pathname, { headers, data: captured.postDataBuffer()!, maxRedirects: 0 });
      expect(replay.status()).toBeLessThan(500);
      expect(await replay.text()).toMatch(/manage outgoing webhooks/);
      await api.dispose();
      await page.goto("/admin/webhooks");
      await expect(page.getByTestId(/^webhook-/).filter({ hasText: name })).toHaveCount(1);

      // Delete, behind a confirmation; then refuse private targets again.
      await page.getByRole("link", { name }).click();
      await page.getByRole("button", { name: "Delete webhook" }).click();
      const confirm = page.getByRole("dialog");
      await expect(confirm).toContainText("cannot be undone");
      await confirm.getByRole("button", { name: "Delete webhook" }).click();
      await expect(page).toHaveURL(/\/admin\/webhooks$/);
      await expect(page.getByTestId(`webhook-${name}`)).toHaveCount(0);
      await page.getByRole("button", { name: "Refuse private targets again" }).click();
      await expect(page.getByRole("button", { name: "Allow private targets" })).toBeVisible();
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
