/**
 * Integration-test set-up for approvals: a system whose gate passes (every applicable gated
 * checklist item MET with a note, a reviewed threat model with its threats treated, a model
 * and a dataset with SHA-256 digests). Set-up writes straight through Prisma; the behaviour
 * under test goes through the services.
 */
import type { RiskTier } from "@/generated/prisma/enums";
import { createAsset } from "@/lib/assets/create-asset";
import type { UserActor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { createSystem } from "@/lib/systems/create-system";
import { completeChecklist, reviewedThreatModel, sha } from "./approval-prep";
import { createActor, systemInput } from "./factories";

export { completeChecklist, reviewedThreatModel, sha };

export type GreenSystem = { owner: UserActor; systemId: string; modelId: string; datasetId: string; modelSha: string };

/** A system (owned by a new product owner) that passes every gate rule. */
export async function greenSystem(db: Db, tier: RiskTier = "HIGH", overrides: Record<string, unknown> = {}): Promise<GreenSystem> {
  const owner = await createActor(db, "PRODUCT_OWNER");
  const author = await createActor(db, "SECURITY_REVIEWER");
  const { id: systemId } = await createSystem({ actor: owner, db }, systemInput({ riskTier: tier, ...overrides }));
  const modelSha = sha(`model ${systemId}`);
  const model = await createAsset({ actor: owner, db }, systemId, { kind: "MODEL", name: "support-llm", version: "1.0", sha256: modelSha });
  const dataset = await createAsset({ actor: owner, db }, systemId, { kind: "DATASET", name: "help-centre", version: "2026-11", sha256: sha(`data ${systemId}`) });
  await completeChecklist(db, systemId, owner.id);
  await reviewedThreatModel(db, systemId, author.id, author.id);
  return { owner, systemId, modelId: model.id, datasetId: dataset.id, modelSha };
}
