/**
 * OWASP Threat Dragon 2.x import: parses a Threat Dragon model file (schema V2: `version`,
 * `summary`, `detail.diagrams[].cells[]`, threats inside each cell's `data.threats`) and maps
 * it onto a threat-model draft. Pure: no database. Everything that cannot be carried over is
 * listed in the report, in plain sentences, so the reviewer knows what to check.
 */
import { z } from "zod";
import type { StrideCategory, ThreatTreatment } from "@/generated/prisma/enums";

const str = z.string().optional().catch(undefined);

const ZTdThreat = z.looseObject({
  id: str,
  threatId: str,
  title: str,
  type: str,
  status: str,
  severity: str,
  description: str,
  mitigation: str,
  modelType: str,
  score: z.union([z.string(), z.number()]).optional().catch(undefined),
});

const ZTdCell = z.looseObject({
  id: z.string({ error: "Every diagram cell needs an id." }).min(1, "Every diagram cell needs an id."),
  shape: z.string({ error: "Every diagram cell needs a shape." }),
  data: z
    .looseObject({
      type: str,
      name: str,
      description: str,
      outOfScope: z.boolean().optional().catch(undefined),
      reasonOutOfScope: str,
      isTrustBoundary: z.boolean().optional().catch(undefined),
      isPublicNetwork: z.boolean().optional().catch(undefined),
      isEncrypted: z.boolean().optional().catch(undefined),
      protocol: str,
      threats: z.array(ZTdThreat).optional(),
    })
    .optional(),
  threats: z.array(ZTdThreat).optional(),
  source: z.looseObject({ cell: str }).optional().catch(undefined),
  target: z.looseObject({ cell: str }).optional().catch(undefined),
  attrs: z.looseObject({ text: z.looseObject({ text: str }).optional().catch(undefined) }).optional().catch(undefined),
});

/** The parts of a Threat Dragon 2.x model the import reads; other properties are ignored. */
export const ZThreatDragonModel = z.looseObject({
  version: z.string({ error: "Missing \"version\": this is not a Threat Dragon 2.x model." }),
  summary: z.looseObject({
    title: z.string({ error: "Missing summary.title." }).trim().min(1, "The model has no title (summary.title)."),
    owner: str,
    description: str,
  }),
  detail: z.looseObject({
    contributors: z.array(z.looseObject({ name: str })).optional().catch(undefined),
    reviewer: str,
    diagrams: z.array(
      z.looseObject({
        id: z.union([z.number(), z.string()]).optional().catch(undefined),
        title: str,
        diagramType: str,
        cells: z.array(ZTdCell).default([]),
      }),
      { error: "Missing detail.diagrams." },
    ),
  }),
});
export type TThreatDragonModel = z.infer<typeof ZThreatDragonModel>;

export const IMPORT_LIMITS = { threats: 500, flows: 500 } as const;

export type ImportedFlow = { source: string; target: string; data: string; crossesTrustBoundary: boolean; assetIds: string[] };
export type ImportedThreat = {
  title: string;
  description: string;
  stride: StrideCategory | null;
  likelihood: number;
  impact: number;
  treatment: ThreatTreatment | null;
  mitigationNotes: string | null;
  assetIds: string[];
};
export type ImportReport = {
  source: string;
  counts: { diagrams: number; elements: number; flows: number; threats: number };
  /** What was not carried over, or was changed on the way in, one sentence each. */
  notMapped: string[];
};
export type ImportedModel = { scope: string; assumptions: string[]; flows: ImportedFlow[]; threats: ImportedThreat[]; report: ImportReport };

const STRIDE_BY_TYPE: Record<string, StrideCategory> = {
  spoofing: "SPOOFING",
  tampering: "TAMPERING",
  repudiation: "REPUDIATION",
  "information disclosure": "INFORMATION_DISCLOSURE",
  "denial of service": "DENIAL_OF_SERVICE",
  "elevation of privilege": "ELEVATION_OF_PRIVILEGE",
};

/** Threat Dragon severities become a starting likelihood × impact (a reviewer refines them). */
const SCORE_BY_SEVERITY: Record<string, [number, number]> = {
  low: [2, 2],
  medium: [3, 3],
  high: [4, 4],
  critical: [5, 5],
};

const ELEMENT_TYPES: Record<string, string> = {
  "tm.Actor": "external actor",
  "tm.Process": "process",
  "tm.Store": "data store",
  "tm.Flow": "data flow",
  "tm.Boundary": "trust boundary",
  "tm.BoundaryBox": "trust boundary",
  "tm.Text": "text",
};

const oneLine = (value: string) => value.replace(/\s+/g, " ").trim();
const clip = (value: string, max: number) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

type Cell = TThreatDragonModel["detail"]["diagrams"][number]["cells"][number];

function cellName(cell: Cell): string {
  return oneLine(cell.data?.name || cell.attrs?.text?.text || "") || "(unnamed element)";
}

function isFlow(cell: Cell) {
  return cell.data?.type === "tm.Flow" || cell.shape === "flow";
}

function isBoundary(cell: Cell) {
  return cell.data?.isTrustBoundary === true || /boundary/i.test(cell.shape) || /^tm\.Boundary/.test(cell.data?.type ?? "");
}

/**
 * Parses raw JSON text. Throws a plain Error with a message for the user when the text is not
 * JSON, not a Threat Dragon 2.x model, or too large for one draft.
 */
export function parseThreatDragon(text: string): TThreatDragonModel {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error("The file is not valid JSON.");
  }
  const parsed = ZThreatDragonModel.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Not a Threat Dragon 2.x model: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  if (!/^2\./.test(parsed.data.version)) {
    throw new Error(`This is a Threat Dragon ${parsed.data.version} model; only 2.x models are imported. Open and save it in Threat Dragon 2 first.`);
  }
  return parsed.data;
}

/**
 * Maps a parsed model onto a draft. `assets` are the system's inventory entries: an element
 * whose name matches an asset's name (case-insensitive) links the asset to its flows and
 * threats.
 */
export function mapThreatDragon(doc: TThreatDragonModel, assets: readonly { id: string; name: string }[]): ImportedModel {
  const notMapped: string[] = [];
  const assetByName = new Map(assets.map((a) => [a.name.trim().toLowerCase(), a.id]));
  const assumptions: string[] = [];
  const flows: ImportedFlow[] = [];
  const threats: ImportedThreat[] = [];
  const unmatchedElements = new Set<string>();
  let elements = 0;
  let publicNetworkFlows = 0;
  let boundaries = 0;
  let ignoredShapes = 0;

  const assetFor = (name: string) => assetByName.get(name.toLowerCase());

  for (const diagram of doc.detail.diagrams) {
    const byId = new Map(diagram.cells.map((c) => [c.id, c]));
    const label = diagram.title ? `diagram “${oneLine(diagram.title)}”` : "an untitled diagram";
    if (diagram.diagramType && !/stride/i.test(diagram.diagramType)) {
      notMapped.push(`${label} uses the ${diagram.diagramType} method: its threat categories have no STRIDE equivalent and are kept in the descriptions.`);
    }
    for (const cell of diagram.cells) {
      const name = cellName(cell);
      if (isBoundary(cell)) {
        boundaries++;
        continue;
      }
      if (isFlow(cell)) {
        const source = cell.source?.cell ? byId.get(cell.source.cell) : undefined;
        const target = cell.target?.cell ? byId.get(cell.target.cell) : undefined;
        if (!source || !target) {
          notMapped.push(`Data flow “${name}” in ${label} is not connected at both ends and was skipped.`);
        } else if (flows.length >= IMPORT_LIMITS.flows) {
          notMapped.push(`Data flow “${name}”: more than ${IMPORT_LIMITS.flows} flows; the rest were skipped.`);
        } else {
          const from = cellName(source);
          const to = cellName(target);
          const extras = [cell.data?.protocol, cell.data?.isEncrypted ? "encrypted" : null].filter(Boolean).join(", ");
          const crosses = cell.data?.isPublicNetwork === true;
          if (crosses) publicNetworkFlows++;
          flows.push({
            source: clip(from, 200),
            target: clip(to, 200),
            data: clip(extras ? `${name} (${extras})` : name, 500),
            crossesTrustBoundary: crosses,
            assetIds: [...new Set([assetFor(from), assetFor(to)].filter((id): id is string => Boolean(id)))],
          });
        }
      } else if (ELEMENT_TYPES[cell.data?.type ?? ""] === "text" || !cell.data) {
        ignoredShapes++;
        continue;
      } else {
        elements++;
        if (!assetFor(name)) unmatchedElements.add(name);
        if (cell.data.outOfScope) {
          assumptions.push(clip(`Out of scope: ${name}${cell.data.reasonOutOfScope ? ` (${oneLine(cell.data.reasonOutOfScope)})` : ""}.`, 500));
        }
      }

      const cellThreats = [...(cell.data?.threats ?? []), ...(cell.threats ?? [])];
      for (const td of cellThreats) {
        if (threats.length >= IMPORT_LIMITS.threats) {
          notMapped.push(`More than ${IMPORT_LIMITS.threats} threats: the rest were skipped.`);
          break;
        }
        threats.push(mapThreat(td, cell, byId, name, notMapped, assetFor));
      }
    }
  }

  if (publicNetworkFlows) {
    notMapped.push(
      `Trust boundaries are drawn shapes in Threat Dragon, so crossings are not derived from them; ${publicNetworkFlows} ${publicNetworkFlows === 1 ? "flow" : "flows"} marked “public network” were recorded as crossing a trust boundary. Check the others.`,
    );
  } else if (boundaries) {
    notMapped.push(`${boundaries} trust ${boundaries === 1 ? "boundary" : "boundaries"} drawn in Threat Dragon could not be turned into flow crossings: mark the flows that cross them.`);
  }
  if (unmatchedElements.size) {
    const names = [...unmatchedElements].slice(0, 8).map((n) => `“${n}”`).join(", ");
    const more = unmatchedElements.size > 8 ? ` and ${unmatchedElements.size - 8} more` : "";
    notMapped.push(`No inventory asset has the name of ${names}${more}: their threats were imported without affected assets.`);
  }
  if (ignoredShapes) notMapped.push(`${ignoredShapes} text or decoration ${ignoredShapes === 1 ? "shape was" : "shapes were"} ignored.`);
  const people = [doc.summary.owner, doc.detail.reviewer, ...(doc.detail.contributors ?? []).map((c) => c.name)].filter(Boolean);
  if (people.length) notMapped.push(`Owner, reviewer and contributors (${people.length}) are names in Threat Dragon, not users here: they were not imported.`);
  notMapped.push("The diagram layout was not imported: the data-flow diagram is drawn from the imported flows.");

  const description = doc.summary.description ? ` ${oneLine(doc.summary.description)}` : "";
  return {
    scope: clip(`Imported from Threat Dragon ${doc.version} model “${oneLine(doc.summary.title)}”.${description}`, 4000),
    assumptions: assumptions.slice(0, 50),
    flows,
    threats,
    report: {
      source: `Threat Dragon ${doc.version}: “${oneLine(doc.summary.title)}”`,
      counts: { diagrams: doc.detail.diagrams.length, elements, flows: flows.length, threats: threats.length },
      notMapped,
    },
  };
}

function mapThreat(
  td: z.infer<typeof ZTdThreat>,
  cell: Cell,
  byId: Map<string, Cell>,
  elementName: string,
  notMapped: string[],
  assetFor: (name: string) => string | undefined,
): ImportedThreat {
  const title = clip(oneLine(td.title || "Untitled threat"), 200);
  const type = oneLine(td.type ?? "");
  const stride = STRIDE_BY_TYPE[type.toLowerCase()] ?? null;
  if (!stride) {
    notMapped.push(`“${title}”: category “${type || "none"}”${td.modelType ? ` (${td.modelType})` : ""} has no STRIDE equivalent; it is kept in the description.`);
  }
  const severity = (td.severity ?? "").trim().toLowerCase();
  let score = SCORE_BY_SEVERITY[severity];
  if (!score) {
    notMapped.push(`“${title}”: severity “${td.severity ?? "none"}” is not Low, Medium, High or Critical; scored 3 × 3 until reviewed.`);
    score = [3, 3];
  }
  const status = (td.status ?? "").trim().toLowerCase();
  let treatment: ThreatTreatment | null = null;
  if (status === "mitigated") {
    treatment = "MITIGATE";
    notMapped.push(`“${title}” was mitigated in Threat Dragon: set its residual likelihood and impact.`);
  } else if (status === "na" || status === "n/a" || status === "notapplicable") {
    notMapped.push(`“${title}” was marked not applicable in Threat Dragon: imported without a treatment; remove it if it still does not apply.`);
  } else if (status !== "open" && status !== "") {
    notMapped.push(`“${title}”: status “${td.status}” is not Open, Mitigated or NA; imported without a treatment.`);
  }
  if (td.score !== undefined && String(td.score).trim() !== "") {
    notMapped.push(`“${title}”: Threat Dragon's custom score “${String(td.score).trim()}” has no equivalent here; likelihood and impact come from the severity.`);
  }

  let where = `element “${elementName}”`;
  let assetIds: string[] = [];
  if (isFlow(cell)) {
    const from = cell.source?.cell ? byId.get(cell.source.cell) : undefined;
    const to = cell.target?.cell ? byId.get(cell.target.cell) : undefined;
    const names = [from, to].filter((c): c is Cell => Boolean(c)).map(cellName);
    where = `data flow “${elementName}”${names.length === 2 ? ` (${names[0]} → ${names[1]})` : ""}`;
    assetIds = names.map(assetFor).filter((id): id is string => Boolean(id));
  } else {
    const id = assetFor(elementName);
    if (id) assetIds = [id];
  }
  const parts = [oneLine(td.description ?? ""), `Imported from Threat Dragon (${where}${type && !stride ? `, category ${type}` : ""}).`].filter(Boolean);
  return {
    title,
    description: clip(parts.join("\n\n"), 4000),
    stride,
    likelihood: score[0],
    impact: score[1],
    treatment,
    mitigationNotes: td.mitigation?.trim() ? clip(td.mitigation.trim(), 4000) : null,
    assetIds: [...new Set(assetIds)],
  };
}
