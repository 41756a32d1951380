/**
 * Demo threat models (`npm run demo`): reviewed versions for two demo systems, built the way a
 * reviewer would build them: every suggestion added with its reason, suggested controls
 * linked, residual scores set, one residual risk accepted by a reviewer who does not own the
 * system, a data-flow diagram, and a second person marking the version reviewed. Written
 * through Prisma inside the seeding transaction, with audit events.
 */
import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import type { Actor } from "@/lib/authz/actor";
import { loadThreatLibrary } from "./load-library";
import { loadThreatProfile } from "./profile";
import { assessThreat, DEFAULT_RESIDUAL_THRESHOLD, isoDay } from "./rules";
import { suggestThreats } from "./suggestions";

type Person = Pick<Actor, "id" | "email">;

export type DemoThreatModel = {
  slug: string;
  scope: string;
  assumptions: string[];
  flows: { source: string; target: string; data: string; crossesTrustBoundary: boolean }[];
  /** Library ID of the threat whose residual risk is accepted, with the reason. */
  accept: { threatId: string; rationale: string };
  /** Library IDs transferred to a third party by contract, with the note. */
  transfer: Record<string, string>;
};

export const DEMO_THREAT_MODELS: readonly DemoThreatModel[] = [
  {
    slug: "customer-support-assistant",
    scope:
      "The web chat assistant from the customer's browser to the hosted model: retrieval over the help-centre index, order-status lookups and hand-over to human agents. Out of scope: the order system itself and the agent desktop.",
    assumptions: [
      "Customers are anonymous until they sign in to look up an order.",
      "The hosted model runs in the provider's EU data zone with abuse monitoring opted out.",
      "Help-centre articles are published only after editorial review.",
    ],
    flows: [
      { source: "Customer browser", target: "Chat API", data: "Question and session token", crossesTrustBoundary: true },
      { source: "Chat API", target: "help-centre-index", data: "Similarity query", crossesTrustBoundary: false },
      { source: "help-centre-index", target: "Chat API", data: "Top-5 article passages", crossesTrustBoundary: false },
      { source: "Chat API", target: "Azure OpenAI gpt-4o", data: "Prompt with retrieved context", crossesTrustBoundary: true },
      { source: "Azure OpenAI gpt-4o", target: "Chat API", data: "Draft answer", crossesTrustBoundary: true },
      { source: "Chat API", target: "Customer browser", data: "Sanitised answer with citations", crossesTrustBoundary: true },
    ],
    accept: {
      threatId: "T-PI-03",
      rationale: "Jailbreaks can only produce text in this deployment: no tools, answers are sanitised and monitored, and a human takes over on request. Revisit after the Q1 red-team exercise.",
    },
    transfer: { "T-VN-02": "Provider breach and retention risk transferred through the enterprise DPA and zero-retention addendum." },
  },
  {
    slug: "treasury-payments-agent",
    scope:
      "The agent that prepares supplier payment runs: reading approved invoices from the ERP, planning the run with the self-hosted model, and submitting payments through the bank connector after a treasury officer approves. Out of scope: the ERP's own controls and the bank's platform.",
    assumptions: [
      "Every payment is released only after a treasury officer approves it in the bank portal.",
      "The bank enforces a limit of 250,000 EUR per run independently of the agent.",
      "The finance GPU pool has no outbound internet access.",
    ],
    flows: [
      { source: "ERP", target: "svc-treasury-agent", data: "Approved invoices", crossesTrustBoundary: true },
      { source: "svc-treasury-agent", target: "Llama-3.1-70B-Instruct", data: "Payment-run planning prompt", crossesTrustBoundary: false },
      { source: "Llama-3.1-70B-Instruct", target: "svc-treasury-agent", data: "Proposed payment run", crossesTrustBoundary: false },
      { source: "svc-treasury-agent", target: "Bank payments API connector", data: "Payment orders", crossesTrustBoundary: false },
      { source: "Bank payments API connector", target: "Partner bank", data: "Signed payment batch (mTLS)", crossesTrustBoundary: true },
      { source: "Treasury officer", target: "Partner bank", data: "Release approval", crossesTrustBoundary: true },
    ],
    accept: {
      threatId: "T-AG-02",
      rationale: "A runaway run is bounded by the bank's per-run limit and the officer's release step; the agent's step budget ships in the next release. Accepted until then.",
    },
    transfer: {},
  },
];

/**
 * Seeds a reviewed version 1 of each demo threat model whose system exists.
 * @param systems demo system IDs by slug; `author` and `reviewer` are distinct users (the
 *   reviewer must not be any system's owner: it also accepts one residual risk).
 */
export async function seedDemoThreatModels(
  tx: Prisma.TransactionClient,
  systems: ReadonlyMap<string, { id: string; ownerId: string }>,
  people: { author: Person; reviewer: Person },
  now: Date,
) {
  const library = loadThreatLibrary();
  let seeded = 0;
  for (const demo of DEMO_THREAT_MODELS) {
    const system = systems.get(demo.slug);
    if (!system || system.ownerId === people.reviewer.id) continue;
    const profile = await loadThreatProfile(tx, system.id);
    const assetByName = new Map(profile.assets.map((a) => [a.name.toLowerCase(), a.id]));
    const applicable = new Set(
      (await tx.checklistItem.findMany({ where: { checklist: { systemId: system.id }, applicable: true }, select: { control: { select: { code: true } } } })).map((i) => i.control.code),
    );
    const created = new Date(now.getTime() - 9 * 86_400_000);
    const model = await tx.threatModel.create({
      data: { systemId: system.id, version: 1, scope: demo.scope, assumptions: demo.assumptions, libraryVersion: library.version, authorId: people.author.id, createdAt: created },
    });
    await appendAudit(tx, people.author, { action: "threat_model.draft_started", entityType: "ThreatModel", entityId: model.id, summary: { systemId: system.id, version: 1, basedOnVersion: null, threats: 0 } });
    await tx.dataFlow.createMany({
      data: demo.flows.map((f, position) => {
        const ids = [assetByName.get(f.source.toLowerCase()), assetByName.get(f.target.toLowerCase())].filter((x): x is string => Boolean(x));
        return { ...f, threatModelId: model.id, position, assetIds: ids };
      }),
    });

    const acceptUntil = isoDay(new Date(now.getTime() + 120 * 86_400_000));
    const suggestions = suggestThreats(library, profile);
    for (const [position, s] of suggestions.entries()) {
      const entry = library.threats.find((t) => t.id === s.threatId)!;
      const controls = entry.controls.filter((c) => applicable.has(c));
      // Residual: the linked controls lower likelihood by two steps and impact by one; the
      // accepted threat keeps a residual above the threshold, which is why it is accepted.
      const accepted = s.threatId === demo.accept.threatId;
      const residualLikelihood = accepted ? Math.max(3, s.likelihood - 1) : Math.max(1, s.likelihood - 2);
      const residualImpact = accepted ? Math.max(4, s.impact) : Math.max(1, s.impact - 1);
      const transfer = demo.transfer[s.threatId];
      const treatment = accepted ? "ACCEPT" : transfer ? "TRANSFER" : "MITIGATE";
      const threat = await tx.threat.create({
        data: {
          threatModelId: model.id,
          libraryRef: entry.id,
          title: entry.title,
          description: entry.description,
          stride: entry.stride,
          atlas: entry.atlas,
          owaspLlm: entry.owaspLlm,
          owaspAgentic: entry.owaspAgentic,
          assetIds: s.assetIds,
          likelihood: s.likelihood,
          impact: s.impact,
          residualLikelihood,
          residualImpact,
          treatment,
          mitigationNotes: transfer ?? null,
          position,
          mitigations: controls.length ? { createMany: { data: controls.map((controlCode) => ({ controlCode, linkedById: people.author.id })) } } : undefined,
          acceptance: accepted ? { create: { acceptedById: people.reviewer.id, rationale: demo.accept.rationale, expiresOn: new Date(`${acceptUntil}T00:00:00Z`) } } : undefined,
        },
      });
      await appendAudit(tx, people.author, {
        action: "threat.added",
        entityType: "Threat",
        entityId: threat.id,
        summary: { systemId: system.id, threatModelId: model.id, version: 1, libraryRef: entry.id, reason: s.reason, likelihood: s.likelihood, impact: s.impact, controls },
      });
      if (accepted) {
        await appendAudit(tx, people.reviewer, {
          action: "threat.risk_accepted",
          entityType: "Threat",
          entityId: threat.id,
          summary: { systemId: system.id, threatModelId: model.id, title: entry.title, expiresOn: acceptUntil, rationale: demo.accept.rationale.slice(0, 300) },
        });
      }
      // Sanity: the demo version must pass its own review rule.
      const check = assessThreat(
        { likelihood: s.likelihood, impact: s.impact, residualLikelihood, residualImpact, treatment, acceptance: accepted ? { expiresOn: acceptUntil } : null },
        DEFAULT_RESIDUAL_THRESHOLD,
        isoDay(now),
      );
      if (check.untreated) throw new Error(`Demo threat ${entry.id} on ${demo.slug} would be untreated: ${check.problem}`);
    }

    const submittedAt = new Date(now.getTime() - 3 * 86_400_000);
    const reviewedAt = new Date(now.getTime() - 2 * 86_400_000);
    await tx.threatModel.update({ where: { id: model.id }, data: { status: "IN_REVIEW", submittedById: people.author.id, submittedAt, rowVersion: { increment: 1 } } });
    await appendAudit(tx, people.author, { action: "threat_model.submitted", entityType: "ThreatModel", entityId: model.id, summary: { systemId: system.id, version: 1, from: "DRAFT", to: "IN_REVIEW", threats: suggestions.length } });
    await tx.threatModel.update({
      where: { id: model.id },
      data: { status: "REVIEWED", reviewedById: people.reviewer.id, reviewedAt, reviewComment: "Complete for this release; revisit when tools or data sources change.", rowVersion: { increment: 1 } },
    });
    await appendAudit(tx, people.reviewer, { action: "threat_model.reviewed", entityType: "ThreatModel", entityId: model.id, summary: { systemId: system.id, version: 1, from: "IN_REVIEW", to: "REVIEWED", threats: suggestions.length } });
    seeded++;
  }
  return seeded;
}
