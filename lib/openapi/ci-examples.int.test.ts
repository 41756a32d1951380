import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db/create-client";
import { cancelScheduledGateFold } from "@/lib/gate/fold";
import { createSystem } from "@/lib/systems/create-system";
import { createApiToken } from "@/lib/tokens/create-token";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { runCommand, serveRoutes } from "@/test/route-server";
import { GATE_SHELL, GITHUB_ACTIONS_STEP, GITLAB_CI_JOB } from "./ci-examples";

const state = vi.hoisted(() => ({ db: null as Db | null, approvals: new Map<string, unknown>() }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs({ actor: null }));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));
vi.mock("@/lib/gate/approval-source", () => ({
  findGateApproval: async (_db: unknown, where: { systemId: string; environment: string }) => state.approvals.get(`${where.systemId}:${where.environment}`) ?? null,
}));

const gateRoute = await import("@/app/api/v1/gate/route");
const t = useTestDatabase();
const APPROVED = `sha256:${"ab".repeat(32)}`;
let server: Awaited<ReturnType<typeof serveRoutes>>;
let slug = "";
let token = "";

beforeAll(async () => {
  state.db = t.db;
  const admin = await createActor(t.db, "ADMIN");
  const created = await createSystem({ actor: admin, db: t.db }, systemInput());
  slug = (await t.db.aiSystem.findUniqueOrThrow({ where: { id: created.id } })).slug;
  state.approvals.set(`${created.id}:production`, { id: "apr1", state: "APPROVED", expiresAt: new Date(Date.now() + 86_400_000), digests: [APPROVED] });
  token = (await createApiToken({ actor: admin, db: t.db }, { name: "CI", scopes: ["gate:read"] })).secret;
  server = await serveRoutes([{ pattern: /^\/api\/v1\/gate$/, GET: gateRoute.GET }]);
});
afterAll(async () => {
  cancelScheduledGateFold();
  await server?.close();
});

function runStep(env: Record<string, string>) {
  return runCommand("sh", ["-c", GATE_SHELL], { env: { ...process.env, AIGOV_URL: server.url, AIGOV_TOKEN: token, AIGOV_SYSTEM: slug, AIGOV_ENVIRONMENT: "production", MODEL_DIGEST: APPROVED, ...env } });
}

describe("[GATE] copy-paste CI examples", () => {
  it("docs/deployment-gate.md shows exactly the examples the reference page shows", () => {
    const doc = readFileSync(path.resolve("docs/deployment-gate.md"), "utf8");
    expect(doc).toContain(GITHUB_ACTIONS_STEP.trimEnd());
    expect(doc).toContain(GITLAB_CI_JOB.trimEnd());
    expect(GITHUB_ACTIONS_STEP).toContain(GATE_SHELL.split("\n")[0]!);
    expect(GITLAB_CI_JOB).toContain(GATE_SHELL.split("\n")[0]!);
  });

  it("the step's shell passes for an approved digest and fails for another digest, a wrong token and a missing scope", async () => {
    const allowed = await runStep({});
    expect(allowed.stdout).toContain('"allow":true');
    expect(allowed.status).toBe(0);

    const denied = await runStep({ MODEL_DIGEST: `sha256:${"cd".repeat(32)}` });
    expect(denied.stdout).toContain("DIGEST_NOT_APPROVED");
    expect(denied.stderr).toContain("refused");
    expect(denied.status).toBe(1);

    expect((await runStep({ AIGOV_TOKEN: "aigov_wrong" })).status).not.toBe(0);
    expect((await runStep({ AIGOV_ENVIRONMENT: "Production!" })).status).not.toBe(0);
  });
});
