/**
 * Preparing a system for approval tests, straight through Prisma (no services, no
 * "server-only" modules, so Playwright specs can use it on the e2e server's database too):
 * a completed checklist and a reviewed threat model.
 */
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db/create-client";

export const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** Marks the system's gated items: MET with a linked note (reviewer-only ones too). */
export async function completeChecklist(db: Db, systemId: string, actorId: string) {
  const checklist = await db.checklist.findUniqueOrThrow({ where: { systemId }, select: { id: true } });
  const evidence = await db.evidence.create({
    data: { systemId, kind: "NOTE", title: "Control evidence", noteBody: "Recorded for the test.", effectiveDate: new Date("2026-01-01"), uploadedById: actorId },
  });
  const items = await db.checklistItem.findMany({ where: { checklistId: checklist.id, applicable: true }, select: { id: true } });
  await db.checklistItem.updateMany({ where: { checklistId: checklist.id, applicable: true }, data: { status: "MET" } });
  await db.checklistItemEvidence.createMany({ data: items.map((i) => ({ itemId: i.id, evidenceId: evidence.id, linkedById: actorId })) });
}

/** A REVIEWED threat model, version 1, with one mitigated threat below the threshold. */
export async function reviewedThreatModel(db: Db, systemId: string, authorId: string, reviewerId: string) {
  // Written as a draft with its threats, then marked reviewed (a trigger freezes reviewed versions).
  const draft = await db.threatModel.create({
    data: {
      systemId,
      version: 1,
      scope: "Everything.",
      assumptions: [],
      libraryVersion: "1.0.0",
      authorId,
      threats: {
        create: [
          { title: "Prompt injection", description: "Hostile input steers the model.", likelihood: 4, impact: 4, residualLikelihood: 2, residualImpact: 2, treatment: "MITIGATE", position: 1 },
        ],
      },
    },
  });
  return db.threatModel.update({ where: { id: draft.id }, data: { status: "REVIEWED", reviewedById: reviewerId, reviewedAt: new Date() } });
}

