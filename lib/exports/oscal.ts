/**
 * Checklist results as OSCAL 1.0.6 assessment results (pure), valid against NIST's JSON schema
 * (../shared/schemas/oscal-1.0.6_assessment-results_schema.json):
 * - one `result` per system, reviewing the controls of its checklist (by our control code);
 * - one `finding` per control (applicable or not applicable), its target status `satisfied`
 *   (met with evidence that still holds, or not applicable) or `not-satisfied`;
 * - one `observation` per evidence record a control cites (method EXAMINE), whose
 *   `relevant-evidence` points at the file in the pack (`evidence/<sha256>`) or the link.
 * UUIDs are derived from record ids (`nameUuid`), so re-exports of the same data agree.
 * The document is built in pieces (`oscalOpening`, `oscalResult`, `OSCAL_CLOSING`) so a pack
 * of many systems can write it as a stream; `buildAssessmentResults` joins them for one call.
 */
import { nameUuid, packEvidenceLocator, type EvidenceLocator } from "./aibom";
import { GENERATOR } from "./generator";
import type { ExportChecklistItem, SystemExportData } from "./system-data";

export const OSCAL_VERSION = "1.0.6";
/** Namespace of our own `props` (OSCAL requires a namespace for names it does not define). */
export const OSCAL_NS = "urn:aigov:oscal";

type Json = Record<string, unknown>;

export type OscalOptions = { generatedAt: string; title: string; documentId: string; locate?: EvidenceLocator };

/** The document's first part: everything before the results (ends with `"results":[`). */
export function oscalOpening(opts: OscalOptions): string {
  const head = {
    uuid: nameUuid(`oscal-ar:${opts.documentId}`),
    metadata: {
      title: opts.title,
      "last-modified": opts.generatedAt,
      version: "1",
      "oscal-version": OSCAL_VERSION,
      props: [{ name: "generator", ns: OSCAL_NS, value: `${GENERATOR.name} ${GENERATOR.version}` }],
    },
    "import-ap": {
      href: `urn:aigov:control-library`,
      remarks: "No separate assessment plan: each result reviews the controls of the system's checklist, from the control library version it names.",
    },
  };
  const json = JSON.stringify({ "assessment-results": head });
  // Re-open the object so results can be appended: {"assessment-results":{...,"results":[
  return `${json.slice(0, -2)},"results":[`;
}

export const OSCAL_CLOSING = "]}}";

/** A finding is `satisfied` when met with evidence that still holds, or not applicable. */
export function findingState(item: Pick<ExportChecklistItem, "status" | "satisfied">): "satisfied" | "not-satisfied" {
  return (item.status === "MET" && item.satisfied) || item.status === "NOT_APPLICABLE" ? "satisfied" : "not-satisfied";
}

/** One system's result (an object; stringify it into the results array). */
export function oscalResult(data: SystemExportData, opts: OscalOptions): Json {
  const locate = opts.locate ?? packEvidenceLocator;
  const s = data.system;
  const items = (data.checklist?.items ?? []).filter((i) => i.applicable || i.status === "NOT_APPLICABLE");
  const evidenceById = new Map(data.evidence.map((e) => [e.id, e]));
  const cited = [...new Set(items.flatMap((i) => i.evidenceIds))].map((id) => evidenceById.get(id)).filter((e) => e !== undefined);
  const observations = cited.map((e) => {
    const href = locate(e);
    return {
      uuid: nameUuid(`observation:${s.id}:${e.id}`),
      title: e.title,
      description: `${e.kind === "FILE" ? "File" : e.kind === "LINK" ? "Link" : "Note"} evidence "${e.title}"${e.sha256 ? ` (SHA-256 ${e.sha256})` : ""}, state ${e.state}.`,
      props: [
        { name: "evidence-id", ns: OSCAL_NS, value: e.id },
        { name: "evidence-state", ns: OSCAL_NS, value: e.state },
      ],
      methods: ["EXAMINE"],
      types: ["control-objective"],
      collected: e.createdAt,
      ...(e.expiresAt ? { expires: `${e.expiresAt}T23:59:59Z` } : {}),
      "relevant-evidence": [{ ...(href ? { href } : {}), description: e.description ?? e.noteBody ?? e.title }],
    };
  });
  const findings = items.map((i) => ({
    uuid: nameUuid(`finding:${s.id}:${i.id}`),
    title: `${i.controlCode} ${i.controlTitle}`,
    description: `${i.pillarTitle}. Expected evidence: ${i.evidenceExpectation}`,
    props: [{ name: "checklist-status", ns: OSCAL_NS, value: i.status }],
    target: {
      type: "objective-id",
      "target-id": i.controlCode,
      status: { state: findingState(i), ...(statusRemark(i) ? { remarks: statusRemark(i) } : {}) },
    },
    ...(i.evidenceIds.some((id) => evidenceById.has(id))
      ? { "related-observations": i.evidenceIds.filter((id) => evidenceById.has(id)).map((id) => ({ "observation-uuid": nameUuid(`observation:${s.id}:${id}`) })) }
      : {}),
  }));
  const progress = data.checklist?.progress.overall;
  return {
    uuid: nameUuid(`result:${opts.documentId}:${s.id}`),
    title: `Checklist assessment of ${s.name}`,
    description: data.checklist
      ? `${s.name} (${s.slug}): ${progress!.done} of ${progress!.total} applicable controls done, control library ${data.checklist.libraryVersion}.`
      : `${s.name} (${s.slug}) has no checklist yet.`,
    start: s.createdAt,
    end: opts.generatedAt,
    props: [
      { name: "system-id", ns: OSCAL_NS, value: s.id },
      { name: "system-slug", ns: OSCAL_NS, value: s.slug },
      ...(data.checklist ? [{ name: "control-library-version", ns: OSCAL_NS, value: data.checklist.libraryVersion }] : []),
    ],
    "reviewed-controls": {
      "control-selections": [items.length ? { "include-controls": items.map((i) => ({ "control-id": i.controlCode })) } : { "include-all": {} }],
    },
    ...(observations.length ? { observations } : {}),
    ...(findings.length ? { findings } : {}),
  };
}

function statusRemark(i: ExportChecklistItem): string | null {
  if (i.status === "NOT_APPLICABLE") return `Not applicable: ${i.justification ?? i.applicabilityReason}`;
  if (i.status === "MET" && !i.satisfied) return "Marked met, but none of its evidence still holds.";
  return i.justification ?? null;
}

/** The whole document for a few systems (at least one), as an object. */
export function buildAssessmentResults(systems: readonly SystemExportData[], opts: OscalOptions): Json {
  const text = oscalOpening(opts) + systems.map((s) => JSON.stringify(oscalResult(s, opts))).join(",") + OSCAL_CLOSING;
  return JSON.parse(text) as Json;
}
