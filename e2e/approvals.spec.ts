import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { createPrismaClient } from "@/lib/db/create-client";
import { completeChecklist, reviewedThreatModel, sha } from "@/test/approval-prep";
import { databaseUrl } from "@/test/pg-server";
import { createSystemViaApi, uniqueName } from "./helpers";
import { E2E_STATE_FILE, USERS } from "./users";

/** Screenshots a person looks at (git-ignored folder), at desktop and phone sizes. */
async function shoot(page: Page, name: string) {
  const dir = path.resolve("screenshots");
  fs.mkdirSync(dir, { recursive: true });
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(dir, `approvals-${name}-${width}.png`), fullPage: width === 390 });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

type Envelope = { payloadType: string; payload: string; signatures: { keyid: string; sig: string }[] };

/**
 * Verifies a DSSE attestation the way docs/attestations.md does: rebuilds the PAE bytes and
 * runs `openssl pkeyutl -verify -rawin` with the published public key; checks the statement's
 * subjects carry `digests`.
 */
function verifyWithOpenssl(envelopeJson: string, publicKeyPem: string, digests: string[]) {
  const envelope = JSON.parse(envelopeJson) as Envelope;
  const payload = Buffer.from(envelope.payload, "base64");
  const type = Buffer.from(envelope.payloadType, "utf8");
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-e2e-attest-"));
  try {
    fs.writeFileSync(path.join(dir, "pae.bin"), pae);
    fs.writeFileSync(path.join(dir, "signature.bin"), Buffer.from(envelope.signatures[0]!.sig, "base64"));
    fs.writeFileSync(path.join(dir, "signing-key.pem"), publicKeyPem);
    const out = execFileSync("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "signing-key.pem", "-rawin", "-in", "pae.bin", "-sigfile", "signature.bin"], { cwd: dir, encoding: "utf8" });
    expect(out).toContain("Signature Verified Successfully");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const statement = JSON.parse(payload.toString("utf8")) as { _type: string; subject: { digest: { sha256: string } }[] };
  expect(statement._type).toBe("https://in-toto.io/Statement/v1");
  for (const d of digests) expect(statement.subject.map((x) => x.digest.sha256)).toContain(d);
}

/** The e2e server's own database (e2e/serve.ts), for preparing a system beyond this story's scope. */
function e2eDb() {
  const state = JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as { adminUrl: string; database: string };
  return createPrismaClient(databaseUrl(state.adminUrl, state.database), 1);
}

test.describe("[APPROVALS] deployment sign-off", () => {
  test("owner requests approval, sees the failing rule, fixes it and submits; two reviewers approve a HIGH release; the owner cannot; a changed model digest makes it stale", async ({ page, sessions }) => {
    test.setTimeout(300_000); // many steps and four sign-ins on a busy 2-core machine; every wait is on a condition

    // The owner registers a HIGH system with a model (no digest yet) and a pinned dataset.
    await sessions.actAs(page, "owner", "/about");
    const name = uniqueName("Claims triage assistant");
    const systemId = await createSystemViaApi(page, name, { tier: "HIGH" });
    const model = await page.request.post(`/api/systems/${systemId}/assets`, { data: { kind: "MODEL", name: "claims-llm", version: "3.1" } });
    expect(model.status()).toBe(201);
    const modelAsset = (await model.json()) as { id: string; rowVersion: number };
    const dataset = await page.request.post(`/api/systems/${systemId}/assets`, { data: { kind: "DATASET", name: "claims-2025", version: "1", sha256: sha(`dataset ${name}`) } });
    expect(dataset.status()).toBe(201);

    // Prepared beyond this story: the checklist is complete and a threat model was reviewed
    // (their own end-to-end specs walk those through the UI).
    const db = e2eDb();
    try {
      const owner = await db.user.findUniqueOrThrow({ where: { email: USERS.owner.email } });
      const admin = await db.user.findUniqueOrThrow({ where: { email: USERS.admin.email } });
      await completeChecklist(db, systemId, owner.id);
      await reviewedThreatModel(db, systemId, admin.id, admin.id);
    } finally {
      await db.$disconnect();
    }

    // Request approval for production: the gate names the missing model digest.
    await page.goto(`/systems/${systemId}/approvals`);
    await expect(page.getByText("No approval requests yet")).toBeVisible();
    await page.getByLabel("Release label").fill("v3.1.0");
    await page.getByLabel("Environment").selectOption("production");
    await page.getByRole("button", { name: "Request approval" }).click();
    await expect(page).toHaveURL(/\/approvals\/[^/]+$/);
    const requestUrl = new URL(page.url()).pathname;
    const requestId = requestUrl.split("/")[2]!;
    const digestRule = page.locator('[data-rule="assets.digests"]');
    await expect(digestRule).toHaveAttribute("data-passed", "false");
    await expect(digestRule).toContainText("model claims-llm 3.1: no SHA-256 digest recorded");
    await expect(page.getByRole("button", { name: "Submit as needs exception" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Submit for review" })).toHaveCount(0);

    // Fix it (the fix link goes to the assets), then submit for review.
    await expect(digestRule.getByRole("link", { name: /Fix/ })).toHaveAttribute("href", `/systems/${systemId}/assets`);
    const modelSha = sha(`model ${name}`);
    const fixed = await page.request.patch(`/api/assets/${modelAsset.id}`, { data: { sha256: modelSha, expectedVersion: modelAsset.rowVersion } });
    expect(fixed.status()).toBe(200);
    await page.reload();
    await expect(page.locator('[data-rule="assets.digests"]')).toHaveAttribute("data-passed", "true");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await expect(page.getByText("Awaiting review").first()).toBeVisible();
    await expect(page.getByText("Gate passed").first()).toBeVisible();

    // The owner cannot approve their own: no decision form, and the direct request is refused.
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    const selfApproval = await page.request.post(`/api/approvals/${requestId}/decisions`, { data: { outcome: "APPROVE", comment: "Approving my own release." } });
    expect(selfApproval.status()).toBe(403);
    await page.goto("/approvals");
    await expect(page.getByRole("link", { name: new RegExp(name) }).first()).toBeVisible();

    // Reviewer A: the review queue, then the request; approves (1 of 2).
    await sessions.actAs(page, "reviewer", "/approvals/review");
    await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
    await expect(page.getByRole("link", { name: new RegExp(name) }).first()).toBeVisible();
    await shoot(page, "review-queue");
    await page.goto(requestUrl);
    await expect(page.getByText("0 of 2 approvals from distinct reviewers so far.")).toBeVisible();
    await shoot(page, "request-detail");
    await page.getByLabel("Comment").fill("Checklist evidence and threat model reviewed; digests pinned.");
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByText(/You have already decided this submission/)).toBeVisible();

    // Reviewer B approves: the release is approved, the system too.
    await sessions.actAs(page, "reviewer2", requestUrl);
    await expect(page.getByText("1 of 2 approvals from distinct reviewers so far.")).toBeVisible();
    await page.getByLabel("Comment").fill("Second review for the HIGH tier: agree, ship it.");
    // Wait for the decision's own response before leaving: an "Approved" label can already be
    // on the page, and navigating away earlier aborts the action's request (seen under load).
    const decided = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === requestUrl);
    await page.getByRole("button", { name: "Approve" }).click();
    expect((await decided).ok()).toBe(true);
    await expect(page.getByText("Approved", { exact: true }).first()).toBeVisible();
    await page.goto(`/systems/${systemId}/approvals`);
    await expect(page.getByText(/Release v3\.1\.0, approved until/).first()).toBeVisible();

    // The deployment gate allows the approved digest and denies another; the approval's
    // attestation verifies with openssl against the published key (docs/attestations.md).
    const { slug } = (await (await page.request.get(`/api/systems/${systemId}`)).json()) as { slug: string };
    const gate = async (digest: string) => (await (await page.request.get(`/api/v1/gate?system=${slug}&environment=production&digest=sha256:${digest}`)).json()) as { allow: boolean; reasons: { code: string }[] };
    expect((await gate(modelSha)).allow).toBe(true);
    // That first production allow deployed the approved system (DESIGN.md: "the gate's first allow").
    expect(((await (await page.request.get(`/api/systems/${systemId}`)).json()) as { lifecycle: string }).lifecycle).toBe("DEPLOYED");
    const other = await gate(sha("some other model"));
    expect(other.allow).toBe(false);
    expect(other.reasons.map((r) => r.code)).toContain("DIGEST_NOT_APPROVED");
    const attestation = await page.request.get(`/api/v1/approvals/${requestId}/attestation`);
    expect(attestation.status()).toBe(200);
    verifyWithOpenssl(await attestation.text(), await (await page.request.get(`/api/v1/keys/${(JSON.parse(await attestation.text()) as Envelope).signatures[0]!.keyid}`)).text(), [modelSha]);

    // The owner changes the model digest: the approval turns stale, with the reason.
    await sessions.actAs(page, "owner");
    const current = (await (await page.request.get(`/api/assets/${modelAsset.id}`)).json()) as { rowVersion: number };
    const changed = await page.request.patch(`/api/assets/${modelAsset.id}`, { data: { sha256: sha(`retrained ${name}`), expectedVersion: current.rowVersion } });
    expect(changed.status()).toBe(200);
    await page.goto(requestUrl);
    await expect(page.getByText("Stale", { exact: true }).first()).toBeVisible();
    await expect(page.getByText('The pinned digest of the model "claims-llm" 3.1 asset changed.')).toBeVisible();
    await page.goto(`/systems/${systemId}/approvals`);
    await expect(page.getByText("No valid approval: the gate denies deployments.")).toHaveCount(2);
    const denied = (await (await page.request.get(`/api/v1/gate?system=${slug}&environment=production&digest=sha256:${modelSha}`)).json()) as { allow: boolean; reasons: { code: string }[] };
    expect(denied.allow).toBe(false);
    expect(denied.reasons.map((r) => r.code)).toContain("APPROVAL_STALE");
    expect((await page.request.get(`/api/v1/approvals/${requestId}/attestation`)).status()).toBe(409);

    // An admin sees both entries; on the review queue only "Review queue" is the current page.
    await sessions.actAs(page, "admin", "/approvals/review");
    await expect(page.getByRole("link", { name: "Review queue" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("link", { name: "My requests" })).not.toHaveAttribute("aria-current", "page");
    await page.goto("/admin/approvals");
    await expect(page.getByRole("heading", { name: "Approval policy" })).toBeVisible();
    // "production" is a production environment (gate denials there notify the team); a new one is not unless ticked.
    // The label and the badge both read "Production"; staging has neither.
    await expect(page.getByTestId("environment-production").getByText("Production", { exact: true })).toHaveCount(2);
    await expect(page.getByTestId("environment-staging").getByText("Production", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: /^Production/ })).not.toBeChecked();
    await shoot(page, "policy");
  });
});
