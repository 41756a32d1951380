/**
 * The human report of a pack (`report.html`), and the printable system card: one
 * self-contained HTML file (inline CSS, no scripts, no remote resources), printable, written
 * in pieces (opening, one section per system, closing) so a pack of thousands of systems
 * streams it. Every value is HTML-escaped. Evidence references are relative links into the
 * unzipped pack (`evidence/<sha256>`).
 */
import type { ExportRange, SystemExportData } from "../system-data";

export type TimelineEvent = { occurredAt: string; actorLabel: string; action: string; entityType: string };

/** Per-system sections of record types that live outside the core tables (filled as those features land). */
export type ReportExtras = {
  /** Events per system, newest first. */
  timelines?: ReadonlyMap<string, readonly TimelineEvent[]>;
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const label = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, " ");

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;margin:0 auto;max-width:1100px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid #0f172a;padding-bottom:4px}
h3{font-size:16px;margin:20px 0 6px}.muted{color:#475569}.small{font-size:12px}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #cbd5e1;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f1f5f9}dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}dt{font-weight:600}dd{margin:0}
.bar{background:#e2e8f0;height:10px;width:160px;display:inline-block;vertical-align:middle}.bar>span{display:block;height:10px;background:#15803d}
.ok{color:#15803d;font-weight:600}.bad{color:#b91c1c;font-weight:600}.note{background:#f8fafc;border:1px dashed #94a3b8;padding:6px 10px}
.system{break-before:page}code{font-size:12px;word-break:break-all}
@media print{body{padding:0;max-width:none}a{color:inherit}}
@media (max-width:640px){table{display:block;overflow-x:auto}}
`;

export function reportOpening(opts: {
  packId: string;
  createdAt: string;
  scope: { all: boolean; systemIds: readonly string[]; range: ExportRange };
  generator: string;
  createdBy: string;
  title?: string;
  /** Replaces the pack line under the title (the system card says where it comes from). */
  subtitle?: string;
}): string {
  const range = opts.scope.range.from || opts.scope.range.to ? `${esc(opts.scope.range.from ?? "the beginning")} to ${esc(opts.scope.range.to ?? "today")}` : "all time";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(opts.title ?? "Evidence pack report")}</title><style>${STYLE}</style></head><body>
<h1>${esc(opts.title ?? "Evidence pack report")}</h1>
${
    opts.subtitle
      ? `<p class="muted">${esc(opts.subtitle)} Made ${esc(opts.createdAt)} for ${esc(opts.createdBy)} by ${esc(opts.generator)}.</p>`
      : `<p class="muted">Pack <code>${esc(opts.packId)}</code> · made ${esc(opts.createdAt)} by ${esc(opts.createdBy)} with ${esc(opts.generator)} ·
scope: ${opts.scope.all ? "every system" : `${opts.scope.systemIds.length} system${opts.scope.systemIds.length === 1 ? "" : "s"}`} · period: ${range}.
Check the pack's integrity with VERIFY.md before relying on this report.</p>`
  }
`;
}

export function reportClosing(): string {
  return `<p class="muted small">End of report.</p>\n</body></html>\n`;
}

function progressBar(percent: number): string {
  return `<span class="bar" role="img" aria-label="${percent}% done"><span style="width:${Math.max(0, Math.min(100, percent))}%"></span></span> ${percent}%`;
}

/** One system: card, bill of materials, pillar progress, checklist with evidence references, threat model, approvals with decisions and exceptions, incidents, timeline. */
export function reportSystemSection(data: SystemExportData, extras?: ReportExtras): string {
  const s = data.system;
  const evidenceById = new Map(data.evidence.map((e) => [e.id, e]));
  const evidenceRef = (id: string) => {
    const e = evidenceById.get(id);
    if (!e) return "";
    const state = e.state === "VALID" ? "" : ` <span class="bad">(${esc(label(e.state))})</span>`;
    if (e.kind === "FILE" && e.sha256 && !e.deletedAt) return `<a href="evidence/${esc(e.sha256)}">${esc(e.title)}</a>${state}`;
    if (e.kind === "LINK" && e.url) return `<a href="${esc(e.url)}" rel="noreferrer">${esc(e.title)}</a>${state}`;
    return `${esc(e.title)}${state}`;
  };

  let html = `<section class="system" id="system-${esc(s.slug)}">
<h2>${esc(s.name)} <span class="muted small">(${esc(s.slug)})</span></h2>
<h3>System card</h3>
<dl><dt>Purpose</dt><dd>${esc(s.purpose)}</dd><dt>Owner</dt><dd>${esc(s.owner.name)} &lt;${esc(s.owner.email)}&gt;</dd>
<dt>Contributors</dt><dd>${s.contributors.length ? s.contributors.map((c) => esc(c.name)).join(", ") : "—"}</dd>
<dt>Risk tier</dt><dd>${esc(label(s.riskTier))}</dd><dt>Data sensitivity</dt><dd>${esc(label(s.dataSensitivity))}</dd>
<dt>Autonomy</dt><dd>${esc(label(s.autonomy))}</dd><dt>Exposure</dt><dd>${esc(label(s.exposure))}</dd>
<dt>Lifecycle</dt><dd>${esc(label(s.lifecycle))}${s.archivedAt ? ` (archived ${esc(s.archivedAt.slice(0, 10))})` : ""}</dd>
<dt>Next review due</dt><dd>${esc(s.nextReviewDue)}</dd><dt>Assets</dt><dd>${data.assets.length} (${esc(kindCounts(data))})</dd></dl>
`;

  html += `<h3>Bill of materials</h3>`;
  if (!data.assets.length) html += `<p class="note">No assets recorded.</p>`;
  else {
    html += `<table><thead><tr><th>Kind</th><th>Name</th><th>Version</th><th>Supplier</th><th>SHA-256</th><th>Due diligence</th></tr></thead><tbody>`;
    for (const a of data.assets) {
      html += `<tr><td>${esc(label(a.kind))}</td><td>${esc(a.name)}</td><td>${esc(a.version)}</td><td>${esc(a.supplier)}</td><td><code>${esc(a.sha256)}</code></td><td>${esc(label(a.dueDiligence))}</td></tr>`;
    }
    html += `</tbody></table>`;
  }
  html += `<h3>Pillar progress</h3>`;
  if (!data.checklist) {
    html += `<p class="note">No checklist yet.</p>`;
  } else {
    const titles = new Map(data.checklist.items.map((i) => [i.pillar, i.pillarTitle]));
    html += `<p>Overall: ${progressBar(data.checklist.progress.overall.percent)} (${data.checklist.progress.overall.done} of ${data.checklist.progress.overall.total} applicable controls done; control library ${esc(data.checklist.libraryVersion)})</p>
<table><thead><tr><th>Pillar</th><th>Done</th><th>Met</th><th>Not applicable</th><th>Not met</th><th>Stale</th><th>Progress</th></tr></thead><tbody>`;
    for (const [pillar, p] of Object.entries(data.checklist.progress.byPillar)) {
      html += `<tr><td>${esc(titles.get(pillar) ?? pillar)}</td><td>${p.done}/${p.total}</td><td>${p.met}</td><td>${p.notApplicable}</td><td>${p.notMet}</td><td>${p.stale}</td><td>${progressBar(p.percent)}</td></tr>`;
    }
    html += `</tbody></table>
<h3>Checklist</h3>
<table><thead><tr><th>Control</th><th>Status</th><th>Owner</th><th>Evidence</th><th>Justification / notes</th></tr></thead><tbody>`;
    for (const i of data.checklist.items) {
      if (!i.applicable && i.status !== "NOT_APPLICABLE") continue;
      const status = i.status === "MET" && !i.satisfied ? `<span class="bad">Met, evidence lapsed</span>` : i.status === "MET" ? `<span class="ok">Met</span>` : esc(label(i.status));
      html += `<tr><td><strong>${esc(i.controlCode)}</strong> ${esc(i.controlTitle)}</td><td>${status}</td><td>${esc(i.owner?.name)}</td><td>${i.evidenceIds.map(evidenceRef).filter(Boolean).join("<br>") || "—"}</td><td>${esc(i.justification ?? i.notes)}</td></tr>`;
    }
    html += `</tbody></table>`;
  }

  html += `<h3>Threat model in force</h3>`;
  const tm = data.threatModel;
  if (!tm) {
    html += `<p class="note">No reviewed threat model.</p>`;
  } else {
    html += `<p>Version ${tm.version}, reviewed by ${esc(tm.reviewedBy)} on ${esc(tm.reviewedAt?.slice(0, 10))}. Scope: ${esc(tm.scope)}</p>
<table><thead><tr><th>Threat</th><th>Inherent (L×I)</th><th>Residual (L×I)</th><th>Treatment</th><th>Mitigating controls</th><th>Risk acceptance</th></tr></thead><tbody>`;
    for (const t of tm.threats) {
      const residual = t.residualLikelihood !== null && t.residualImpact !== null ? `${t.residualLikelihood}×${t.residualImpact}` : "—";
      const accepted = t.acceptance ? `${esc(t.acceptance.acceptedBy)} until ${esc(t.acceptance.expiresOn)}: ${esc(t.acceptance.rationale)}` : "—";
      html += `<tr><td>${esc(t.libraryRef ? `${t.libraryRef} ` : "")}${esc(t.title)}</td><td>${t.likelihood}×${t.impact}</td><td>${residual}</td><td>${esc(t.treatment ? label(t.treatment) : "Undecided")}</td><td>${esc(t.mitigationControls.join(", "))}</td><td>${accepted}</td></tr>`;
    }
    html += `</tbody></table>`;
  }

  html += `<h3>Approvals, decisions and exceptions</h3>`;
  if (!data.approvals.length) {
    html += `<p class="note">No deployment approval requested. Accepted risks appear with the threat model above.</p>`;
  } else {
    html += `<table><thead><tr><th>Release</th><th>Environment</th><th>State</th><th>Requested by</th><th>Snapshot SHA-256</th><th>Decisions</th><th>Exception</th></tr></thead><tbody>`;
    for (const a of data.approvals) {
      const state = `${esc(label(a.state))}${a.approvedAt ? `<br><span class="muted small">approved ${esc(a.approvedAt.slice(0, 10))}${a.expiresAt ? `, until ${esc(a.expiresAt.slice(0, 10))}` : ""}</span>` : ""}${a.stateReason ? `<br><span class="muted small">${esc(a.stateReason)}</span>` : ""}`;
      const decisions = a.decisions.map((d) => `${esc(d.reviewer)}: ${esc(label(d.outcome))} (round ${d.round}, ${esc(d.decidedAt.slice(0, 10))}) — ${esc(d.comment)}`).join("<br>") || "—";
      const exception = a.exception
        ? `<span class="bad">${esc(a.exception.reviewer)} until ${esc(a.exception.expiresOn)}: ${esc(a.exception.rationale)}${a.exception.failingRules.length ? ` (covers ${esc(a.exception.failingRules.join(", "))})` : ""}</span>`
        : "—";
      html += `<tr><td>${esc(a.releaseLabel)}</td><td>${esc(a.environment)}</td><td>${state}</td><td>${esc(a.requester)}</td><td><code>${esc(a.snapshotSha256)}</code></td><td>${decisions}</td><td>${exception}</td></tr>`;
    }
    html += `</tbody></table>`;
  }
  html += `<h3>Incidents</h3>`;
  if (!data.incidents.length) {
    html += `<p class="note">No incident recorded for this system.</p>`;
  } else {
    html += `<table><thead><tr><th>Incident</th><th>Severity</th><th>Category</th><th>Status</th><th>Detected</th><th>Impact</th><th>Root cause / lessons learned</th></tr></thead><tbody>`;
    for (const i of data.incidents) {
      html += `<tr><td><strong>${esc(i.reference)}</strong> ${esc(i.title)}</td><td>${esc(i.severity)}</td><td>${esc(label(i.category))}</td><td>${esc(label(i.status))}</td><td>${esc(i.detectedAt.slice(0, 10))}</td><td>${esc(i.impact)}</td><td>${esc([i.rootCause, i.lessonsLearned].filter(Boolean).join(" — ")) || "—"}</td></tr>`;
    }
    html += `</tbody></table>`;
  }
  html += `<h3>Timeline</h3>`;
  const timeline = extras?.timelines?.get(s.id) ?? [];
  if (!timeline.length) {
    html += `<p class="note">No recorded events in the period.</p>`;
  } else {
    html += `<table><thead><tr><th>When (UTC)</th><th>Who</th><th>What</th></tr></thead><tbody>`;
    for (const e of timeline) html += `<tr><td>${esc(e.occurredAt.replace("T", " ").slice(0, 19))}</td><td>${esc(e.actorLabel)}</td><td>${esc(e.action)} (${esc(e.entityType)})</td></tr>`;
    html += `</tbody></table><p class="muted small">The most recent events; the full, verifiable list is audit/audit-log.jsonl.</p>`;
  }
  return `${html}</section>\n`;
}

function kindCounts(data: SystemExportData): string {
  const counts = new Map<string, number>();
  for (const a of data.assets) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${label(kind).toLowerCase()}`).join(", ") || "none";
}
