import "server-only";
import { createHash } from "node:crypto";
import { sortDigests } from "@/lib/assets/rules/digests";
import { JUSTIFICATION_MIN } from "@/lib/checklists/rules";
import { isoDay } from "@/lib/evidence/rules";
import { NotFoundError } from "@/lib/errors";
import type { DbOrTx } from "@/lib/service-context";
import { getResidualThreshold } from "@/lib/threats/settings";
import { loadOpenSevereIncidents } from "./incident-input";
import { SNAPSHOT_SCHEMA_VERSION, type ApprovalSnapshot } from "./snapshot-types";

export * from "./snapshot-types";

/**
 * Reads the current state of a system as an approval snapshot: profile, every asset with its
 * digests, every checklist item (status, whether a NOT_APPLICABLE is justified, the linked
 * evidence with its validity dates, so rules judge it on any day), the REVIEWED threat model version in force
 * with its threats and the residual threshold, and open severe incidents. Deterministic order
 * everywhere, so equal states give equal JSON. Call inside the transaction that pins it.
 *
 * @throws NotFoundError when the system does not exist.
 */
export async function buildSnapshot(db: DbOrTx, systemId: string, now: Date = new Date()): Promise<ApprovalSnapshot> {
  const system = await db.aiSystem.findUnique({
    where: { id: systemId },
    select: {
      id: true,
      slug: true,
      name: true,
      riskTier: true,
      dataSensitivity: true,
      autonomy: true,
      exposure: true,
      lifecycle: true,
      ownerId: true,
      contributors: { select: { userId: true }, orderBy: { userId: "asc" } },
    },
  });
  if (!system) throw new NotFoundError("System not found.");

  // One query after another: inside a transaction they share one connection anyway.
  const assets = await db.asset.findMany({
      where: { systemId },
      select: { id: true, kind: true, name: true, version: true, sha256: true, otherDigests: { select: { algorithm: true, value: true } } },
    });
  const checklist = await db.checklist.findUnique({
      where: { systemId },
      select: {
        libraryVersion: { select: { version: true } },
        items: {
          select: {
            applicable: true,
            status: true,
            justification: true,
            control: { select: { code: true, pillar: true, principleId: true, title: true, evidenceRequired: true, position: true } },
            evidence: {
              select: {
                evidenceId: true,
                evidence: { select: { deletedAt: true, effectiveDate: true, expiresAt: true, revisedBy: { select: { id: true } } } },
              },
            },
          },
        },
      },
    });
  const model = await db.threatModel.findFirst({
      where: { systemId, status: "REVIEWED" },
      orderBy: { version: "desc" },
      select: {
        id: true,
        version: true,
        status: true,
        reviewedAt: true,
        threats: {
          orderBy: [{ position: "asc" }, { id: "asc" }],
          select: {
            id: true,
            title: true,
            likelihood: true,
            impact: true,
            residualLikelihood: true,
            residualImpact: true,
            treatment: true,
            acceptance: { select: { expiresOn: true } },
          },
        },
      },
    });
  const threshold = await getResidualThreshold(db);
  const incidents = await loadOpenSevereIncidents(db, systemId);

  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    takenAt: now.toISOString(),
    system: {
      id: system.id,
      slug: system.slug,
      name: system.name,
      riskTier: system.riskTier,
      dataSensitivity: system.dataSensitivity,
      autonomy: system.autonomy,
      exposure: system.exposure,
      lifecycle: system.lifecycle,
      ownerId: system.ownerId,
      contributorIds: system.contributors.map((c) => c.userId),
    },
    assets: assets
      .map((a) => ({
        id: a.id,
        kind: a.kind,
        name: a.name,
        version: a.version,
        sha256: a.sha256,
        otherDigests: sortDigests(a.otherDigests).map((d) => ({ algorithm: d.algorithm as string, value: d.value })),
      }))
      .sort((a, b) => byText(a.kind, b.kind) || byText(a.name, b.name) || byText(a.version ?? "", b.version ?? "") || byText(a.id, b.id)),
    checklist: checklist
      ? {
          libraryVersion: checklist.libraryVersion.version,
          items: checklist.items
            .sort((a, b) => a.control.position - b.control.position || byText(a.control.code, b.control.code))
            .map((item) => ({
              code: item.control.code,
              pillar: item.control.pillar,
              principle: item.control.principleId,
              title: item.control.title,
              applicable: item.applicable,
              status: item.status,
              evidenceRequired: item.control.evidenceRequired,
              justified: item.status === "NOT_APPLICABLE" && (item.justification?.trim().length ?? 0) >= JUSTIFICATION_MIN,
              evidence: item.evidence
                .map((l) => ({
                  id: l.evidenceId,
                  effectiveDate: isoDay(l.evidence.effectiveDate),
                  expiresAt: l.evidence.expiresAt ? isoDay(l.evidence.expiresAt) : null,
                  deleted: Boolean(l.evidence.deletedAt),
                  superseded: Boolean(l.evidence.revisedBy),
                }))
                .sort((a, b) => byText(a.id, b.id)),
            })),
        }
      : null,
    threatModel: model
      ? {
          id: model.id,
          version: model.version,
          status: model.status,
          reviewedAt: model.reviewedAt?.toISOString() ?? null,
          residualThreshold: threshold,
          threats: model.threats.map((t) => ({
            id: t.id,
            title: t.title,
            likelihood: t.likelihood,
            impact: t.impact,
            residualLikelihood: t.residualLikelihood,
            residualImpact: t.residualImpact,
            treatment: t.treatment,
            acceptanceExpiresOn: t.acceptance ? t.acceptance.expiresOn.toISOString().slice(0, 10) : null,
          })),
        }
      : null,
    openSevereIncidents: incidents,
  };
}

/** Canonical JSON (object keys sorted) of a value, for hashing. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Lower-case hex SHA-256 of the snapshot's canonical JSON (stored with the request). */
export function snapshotSha256(snapshot: ApprovalSnapshot): string {
  return createHash("sha256").update(canonicalJson(snapshot)).digest("hex");
}

/** The digest rows a snapshot pins (ApprovalDigest): SHA-256 and every other digest, per asset. */
export function pinnedDigests(snapshot: ApprovalSnapshot) {
  return snapshot.assets.flatMap((a) => [
    ...(a.sha256 ? [{ assetId: a.id, assetKind: a.kind, assetName: a.name, algorithm: "SHA_256", value: a.sha256 }] : []),
    ...a.otherDigests.map((d) => ({ assetId: a.id, assetKind: a.kind, assetName: a.name, algorithm: d.algorithm, value: d.value })),
  ]);
}
