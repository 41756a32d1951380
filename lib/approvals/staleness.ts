/**
 * Staleness and snapshot diffs (pure). An approval turns STALE when, compared with what it
 * pinned: a pinned digest changed, an asset was added or removed, a gated checklist item
 * regressed, or the threat model regressed (its reviewed version left force, or its gate rule
 * now fails). Anything else (a renamed asset, a non-gated item, a better threat model) is
 * reported by the diff but does not make the approval stale.
 */
import { isoDay } from "@/lib/threats/rules";
import { evaluateGate, gatedItemPasses } from "./gate-rules";
import type { ApprovalSnapshot, SnapshotAsset } from "./snapshot-types";

function assetLabel(a: Pick<SnapshotAsset, "kind" | "name" | "version">): string {
  return `${a.kind.toLowerCase().replace(/_/g, " ")} "${a.name}"${a.version ? ` ${a.version}` : ""}`;
}

function digestKey(a: SnapshotAsset): string {
  return JSON.stringify([a.sha256, a.otherDigests.map((d) => [d.algorithm, d.value])]);
}

function statusLabel(status: string): string {
  return status.replace(/_/g, " ").toLowerCase();
}

/**
 * Why an approval that pinned `pinned` no longer holds for `current`, as human sentences;
 * [] when it still holds. `now` evaluates time-dependent rules on both sides alike, so the
 * passing of time alone never makes an approval stale (expiry handles time).
 */
export function stalenessReasons(pinned: ApprovalSnapshot, current: ApprovalSnapshot, now: Date): string[] {
  const reasons: string[] = [];
  const before = new Map(pinned.assets.map((a) => [a.id, a]));
  const after = new Map(current.assets.map((a) => [a.id, a]));
  for (const [id, a] of before) {
    const now_ = after.get(id);
    if (!now_) reasons.push(`The ${assetLabel(a)} asset was removed.`);
    else if (digestKey(a) !== digestKey(now_)) reasons.push(`The pinned digest of the ${assetLabel(a)} asset changed.`);
  }
  for (const [id, a] of after) if (!before.has(id)) reasons.push(`The ${assetLabel(a)} asset was added.`);

  const today = isoDay(now);
  const currentItems = new Map((current.checklist?.items ?? []).map((i) => [i.code, i]));
  for (const item of pinned.checklist?.items ?? []) {
    if (!gatedItemPasses(item, today)) continue;
    const now_ = currentItems.get(item.code);
    if (!now_) {
      if (item.applicable) reasons.push(`Checklist control ${item.code} is no longer on the checklist.`);
      continue;
    }
    if (!gatedItemPasses(now_, today)) {
      const detail =
        now_.status === item.status
          ? item.status === "MET"
            ? "its evidence no longer holds"
            : "its justification is missing"
          : `from ${statusLabel(item.status)} to ${statusLabel(now_.status)}`;
      reasons.push(`Checklist control ${item.code} regressed: ${detail}.`);
    }
  }

  if (pinned.threatModel?.status === "REVIEWED" && current.threatModel?.status !== "REVIEWED") {
    reasons.push(`The reviewed threat model (version ${pinned.threatModel.version}) is no longer in force.`);
  } else {
    const rule = (s: ApprovalSnapshot) => evaluateGate(s, now).rules.find((r) => r.id === "threat-model.residual")!;
    const was = rule(pinned);
    const is = rule(current);
    if (was.passed && !is.passed) reasons.push(`The threat model regressed: ${is.reason}`);
  }
  return reasons;
}

export type SnapshotDiffEntry = { kind: "added" | "removed" | "changed"; subject: string; detail: string };

export type SnapshotDiff = {
  system: SnapshotDiffEntry[];
  assets: SnapshotDiffEntry[];
  checklist: SnapshotDiffEntry[];
  threatModel: SnapshotDiffEntry[];
  /** True when nothing differs. */
  empty: boolean;
};

const PROFILE_FIELDS = ["name", "riskTier", "dataSensitivity", "autonomy", "exposure"] as const;

/** What changed from the previously approved snapshot to this one, for reviewers. */
export function diffSnapshots(previous: ApprovalSnapshot, next: ApprovalSnapshot): SnapshotDiff {
  const system: SnapshotDiffEntry[] = [];
  for (const f of PROFILE_FIELDS) {
    if (previous.system[f] !== next.system[f]) system.push({ kind: "changed", subject: f, detail: `${previous.system[f]} → ${next.system[f]}` });
  }

  const assets: SnapshotDiffEntry[] = [];
  const before = new Map(previous.assets.map((a) => [a.id, a]));
  const after = new Map(next.assets.map((a) => [a.id, a]));
  for (const [id, a] of after) {
    const old = before.get(id);
    if (!old) {
      assets.push({ kind: "added", subject: assetLabel(a), detail: a.sha256 ? `sha256:${a.sha256}` : "no SHA-256 digest" });
      continue;
    }
    const changes: string[] = [];
    if (old.name !== a.name || old.version !== a.version) changes.push(`was ${assetLabel(old)}`);
    if (old.sha256 !== a.sha256) changes.push(`sha256 ${old.sha256 ? old.sha256.slice(0, 12) : "none"} → ${a.sha256 ? a.sha256.slice(0, 12) : "none"}`);
    else if (digestKey(old) !== digestKey(a)) changes.push("other digests changed");
    if (changes.length) assets.push({ kind: "changed", subject: assetLabel(a), detail: changes.join("; ") });
  }
  for (const [id, a] of before) if (!after.has(id)) assets.push({ kind: "removed", subject: assetLabel(a), detail: "" });

  const checklist: SnapshotDiffEntry[] = [];
  const oldItems = new Map((previous.checklist?.items ?? []).map((i) => [i.code, i]));
  for (const item of next.checklist?.items ?? []) {
    const old = oldItems.get(item.code);
    if (!old) {
      if (item.applicable) checklist.push({ kind: "added", subject: item.code, detail: statusLabel(item.status) });
      continue;
    }
    if (old.status !== item.status || old.applicable !== item.applicable) {
      const from = old.applicable ? statusLabel(old.status) : "does not apply";
      const to = item.applicable ? statusLabel(item.status) : "does not apply";
      if (from !== to) checklist.push({ kind: "changed", subject: item.code, detail: `${from} → ${to}` });
    }
  }
  const nextCodes = new Set((next.checklist?.items ?? []).map((i) => i.code));
  for (const [code, old] of oldItems) if (!nextCodes.has(code) && old.applicable) checklist.push({ kind: "removed", subject: code, detail: "" });

  const threatModel: SnapshotDiffEntry[] = [];
  const pv = previous.threatModel;
  const nv = next.threatModel;
  if (pv?.id !== nv?.id) {
    threatModel.push({
      kind: "changed",
      subject: "Threat model",
      detail: `${pv ? `version ${pv.version}` : "none"} → ${nv ? `version ${nv.version}` : "none"}`,
    });
  }
  if (pv && nv) {
    const oldThreats = new Map(pv.threats.map((t) => [t.id, t]));
    const newTitles = new Set(nv.threats.map((t) => t.title));
    const oldTitles = new Set(pv.threats.map((t) => t.title));
    for (const t of nv.threats) if (!oldThreats.has(t.id) && !oldTitles.has(t.title)) threatModel.push({ kind: "added", subject: t.title, detail: t.treatment ? statusLabel(t.treatment) : "no treatment" });
    for (const t of pv.threats) if (!newTitles.has(t.title)) threatModel.push({ kind: "removed", subject: t.title, detail: "" });
  }

  return { system, assets, checklist, threatModel, empty: !system.length && !assets.length && !checklist.length && !threatModel.length };
}
