import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";

/** Share of applicable controls done per demo system (by slug); others get 35 %. */
const DEMO_PROGRESS: Record<string, number> = {
  "customer-support-assistant": 0.82,
  "card-fraud-scoring": 1,
  "code-review-agent": 0.45,
  "hr-cv-screener": 0.6,
  "marketing-copy-generator": 0.95,
  "treasury-payments-agent": 0.25,
  "contract-clause-extractor": 0.7,
  "it-helpdesk-agent": 0.15,
  "invoice-ocr-classifier": 0.88,
  "sales-research-agent": 0.05,
  "website-semantic-search": 0.55,
  "credit-limit-recommender": 0.4,
};

const DAY_MS = 86_400_000;
const day = (now: Date, days: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY_MS);

/**
 * Demo checklist work, so the home page and readiness read like an organisation in motion:
 * per system, a share of applicable controls met (backed by one evidence pack, which on some
 * systems expires within weeks) or not applicable, reviewer-only controls waiting for a
 * reviewer, and open controls assigned to the owner with due dates (some overdue). Written in
 * the caller's transaction with an audit event per system. Demo mode only.
 */
export async function seedDemoChecklistProgress(tx: Prisma.TransactionClient, systems: Map<string, { id: string; ownerId: string }>, now: Date) {
  let index = 0;
  for (const [slug, system] of systems) {
    index++;
    const share = DEMO_PROGRESS[slug] ?? 0.35;
    const items = await tx.checklistItem.findMany({
      where: { checklist: { systemId: system.id }, applicable: true },
      orderBy: { control: { position: "asc" } },
      select: { id: true, control: { select: { code: true, reviewerOnly: true, evidenceRequired: true } } },
    });
    if (!items.length) continue;
    const evidence = await tx.evidence.create({
      data: {
        systemId: system.id,
        kind: "NOTE",
        title: index % 3 === 0 ? "Annual penetration test summary" : "Security design review record",
        noteBody: "Summary of the review: scope, findings and their remediation, signed off by the security team.",
        effectiveDate: day(now, -120),
        expiresAt: index % 3 === 0 ? day(now, 6 + index) : index % 4 === 0 ? day(now, 200) : null,
        uploadedById: system.ownerId,
      },
      select: { id: true },
    });
    const doneCount = Math.round(items.length * share);
    const done = items.slice(0, doneCount);
    const open = items.slice(doneCount);
    const met = done.filter((_, i) => i % 7 !== 3);
    const notApplicable = done.filter((_, i) => i % 7 === 3);
    await tx.checklistItemEvidence.createMany({ data: met.filter((i) => i.control.evidenceRequired).map((i) => ({ itemId: i.id, evidenceId: evidence.id, linkedById: system.ownerId })) });
    await tx.checklistItem.updateMany({ where: { id: { in: met.map((i) => i.id) } }, data: { status: "MET", rowVersion: { increment: 1 } } });
    await tx.checklistItem.updateMany({
      where: { id: { in: notApplicable.map((i) => i.id) } },
      data: { status: "NOT_APPLICABLE", justification: "Handled by the shared platform control; see the platform's own checklist.", rowVersion: { increment: 1 } },
    });
    const waiting = open.filter((i) => i.control.reviewerOnly).slice(0, 1 + (index % 3));
    await tx.checklistItem.updateMany({ where: { id: { in: waiting.map((i) => i.id) } }, data: { status: "IN_PROGRESS", rowVersion: { increment: 1 } } });
    const assigned = open.filter((i) => !i.control.reviewerOnly).slice(0, 3);
    for (const [n, item] of assigned.entries()) {
      await tx.checklistItem.update({
        where: { id: item.id },
        data: { ownerId: system.ownerId, dueDate: day(now, [-4 - index, 9 + index, 24][n]!), status: n === 0 ? "IN_PROGRESS" : "NOT_STARTED", rowVersion: { increment: 1 } },
      });
    }
    await appendAudit(tx, null, {
      action: "checklist.item_updated",
      entityType: "AiSystem",
      entityId: system.id,
      summary: { systemId: system.id, source: "demo-seed", met: met.length, notApplicable: notApplicable.length, waitingForReviewer: waiting.length, assigned: assigned.length },
    });
  }
}
