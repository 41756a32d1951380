import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { assertCan, systemScopeWhere } from "@/lib/authz/policy";
import { withTransaction, type ServiceContext, type DbOrTx } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { parseOrThrow } from "@/lib/validation";
import { zId } from "@/lib/validation/fields";
import { ASSET_CSV_COLUMNS, SYSTEM_CSV_COLUMNS, toCsvRow, UTF8_BOM, type CsvValue } from "./rules/csv";
import { formatDigestList } from "./rules/digests";

/** Assets fetched per query: the export never holds more than about this many rows as objects. */
export const EXPORT_BATCH_SIZE = 2_000;

export const ZExportInventoryQuery = z.object({
  systemId: z
    .union([zId("The system id"), z.literal("")])
    .optional()
    .transform((v) => v || undefined),
});
export type TExportInventoryQuery = z.input<typeof ZExportInventoryQuery>;

const SYSTEM_SELECT = {
  id: true,
  slug: true,
  name: true,
  riskTier: true,
  lifecycle: true,
  owner: { select: { email: true } },
  _count: { select: { assets: true } },
} satisfies Prisma.AiSystemSelect;
type ExportSystem = Prisma.AiSystemGetPayload<{ select: typeof SYSTEM_SELECT }>;

const ASSET_EXPORT_SELECT = {
  id: true,
  systemId: true,
  kind: true,
  name: true,
  version: true,
  supplier: true,
  licence: true,
  sha256: true,
  otherDigests: { select: { algorithm: true, value: true } },
  signatureRef: true,
  sensitivity: true,
  permissions: true,
  dueDiligence: true,
  capabilities: true,
  credentialType: true,
  humanApprovalRequired: true,
  secretLocation: true,
  rotationDays: true,
  notes: true,
} satisfies Prisma.AssetSelect;
type ExportAsset = Prisma.AssetGetPayload<{ select: typeof ASSET_EXPORT_SELECT }>;

export const INVENTORY_CSV_HEADER = [...SYSTEM_CSV_COLUMNS, ...Object.keys(ASSET_CSV_COLUMNS)];

/**
 * The inventory as CSV: one row per asset, led by its system's columns; a system without
 * assets still gets one row. Product owners export only their systems. Cells are safe
 * against spreadsheet formula injection. The text starts with a UTF-8 byte-order mark so
 * Excel reads (and saves back) accents correctly; the importer ignores the mark, so an export
 * imports back unchanged. The export itself is audited.
 */
export async function exportInventoryCsv(
  { actor, db, meta }: ServiceContext,
  rawQuery: unknown = {},
): Promise<{ filename: string; csv: string; rows: number }> {
  assertCan(actor, "inventory:export");
  const { systemId } = parseOrThrow(ZExportInventoryQuery, rawQuery);
  if (systemId) await loadSystemFacts(db, actor, systemId);

  const systems = await db.aiSystem.findMany({
    where: { AND: [systemScopeWhere(actor), systemId ? { id: systemId } : {}] },
    orderBy: { slug: "asc" },
    select: SYSTEM_SELECT,
  });

  let csv = UTF8_BOM + toCsvRow(INVENTORY_CSV_HEADER);
  let rows = 0;
  for await (const line of inventoryLines(db, systems)) {
    csv += line;
    rows++;
  }

  await withTransaction({ actor, db, meta }, async ({ db: tx }) => {
    await appendAudit(
      tx,
      actor,
      {
        action: "inventory.exported",
        entityType: systemId ? "AiSystem" : "Inventory",
        entityId: systemId ?? "*",
        summary: { format: "csv", rows, systems: systems.length, systemId: systemId ?? null },
      },
      meta,
    );
  });

  const scope = systemId ? (systems[0]?.slug ?? "system") : "all";
  return { filename: `ai-inventory-${scope}-${new Date().toISOString().slice(0, 10)}.csv`, csv, rows };
}

/**
 * Systems in slug order, each followed by its assets (in creation order). Small systems are
 * fetched together (up to a batch of assets per query); a large system is paged on its own
 * by id, so memory stays bounded by the batch size, not the inventory size.
 */
async function* inventoryLines(db: DbOrTx, systems: readonly ExportSystem[]): AsyncGenerator<string> {
  let group: ExportSystem[] = [];
  let groupCount = 0;
  for (const system of systems) {
    const count = system._count.assets;
    if (count > EXPORT_BATCH_SIZE) {
      yield* groupLines(db, group);
      group = [];
      groupCount = 0;
      yield* largeSystemLines(db, system);
      continue;
    }
    if (groupCount + count > EXPORT_BATCH_SIZE) {
      yield* groupLines(db, group);
      group = [];
      groupCount = 0;
    }
    group.push(system);
    groupCount += count;
  }
  yield* groupLines(db, group);
}

async function* groupLines(db: DbOrTx, group: readonly ExportSystem[]): AsyncGenerator<string> {
  if (!group.length) return;
  const bySystem = new Map<string, ExportAsset[]>(group.map((s) => [s.id, []]));
  const ids = group.filter((s) => s._count.assets > 0).map((s) => s.id);
  // Counts are a hint: paging until a short page keeps the result complete if assets were added meanwhile.
  for await (const page of assetPages(db, { systemId: { in: ids } }, ids.length > 0)) {
    for (const asset of page) bySystem.get(asset.systemId)?.push(asset);
  }
  for (const system of group) {
    const assets = bySystem.get(system.id) ?? [];
    if (!assets.length) yield toCsvRow([...systemCells(system), ...ASSET_CSV_EMPTY]);
    for (const asset of assets) yield toCsvRow([...systemCells(system), ...assetCells(asset)]);
  }
}

async function* largeSystemLines(db: DbOrTx, system: ExportSystem): AsyncGenerator<string> {
  let any = false;
  for await (const page of assetPages(db, { systemId: system.id }, true)) {
    for (const asset of page) {
      any = true;
      yield toCsvRow([...systemCells(system), ...assetCells(asset)]);
    }
  }
  if (!any) yield toCsvRow([...systemCells(system), ...ASSET_CSV_EMPTY]);
}

/** Keyset pagination by id: each query starts after the last id of the previous page. */
async function* assetPages(db: DbOrTx, where: Prisma.AssetWhereInput, enabled: boolean): AsyncGenerator<ExportAsset[]> {
  if (!enabled) return;
  let after: string | undefined;
  for (;;) {
    const page = await db.asset.findMany({
      where: after ? { AND: [where, { id: { gt: after } }] } : where,
      orderBy: { id: "asc" },
      take: EXPORT_BATCH_SIZE,
      select: ASSET_EXPORT_SELECT,
    });
    if (page.length) yield page;
    if (page.length < EXPORT_BATCH_SIZE) return;
    after = page[page.length - 1]!.id;
  }
}

const ASSET_CSV_EMPTY: CsvValue[] = Object.keys(ASSET_CSV_COLUMNS).map(() => "");

function systemCells(system: ExportSystem): CsvValue[] {
  return [system.slug, system.name, system.riskTier, system.lifecycle, system.owner.email];
}

/** Same order as ASSET_CSV_COLUMNS; lists joined with ";" as the importer expects. */
function assetCells(asset: ExportAsset): CsvValue[] {
  const cells = {
    kind: asset.kind,
    name: asset.name,
    version: asset.version,
    supplier: asset.supplier,
    licence: asset.licence,
    sha256: asset.sha256,
    other_digests: formatDigestList(asset.otherDigests),
    signature_ref: asset.signatureRef,
    sensitivity: asset.sensitivity,
    permissions: asset.permissions.join(";"),
    due_diligence: asset.dueDiligence,
    capabilities: asset.capabilities.join(";"),
    credential_type: asset.credentialType,
    human_approval_required: asset.humanApprovalRequired === null ? null : asset.humanApprovalRequired ? "true" : "false",
    secret_location: asset.secretLocation,
    rotation_days: asset.rotationDays,
    notes: asset.notes,
  } satisfies Record<keyof typeof ASSET_CSV_COLUMNS, CsvValue>;
  return Object.keys(ASSET_CSV_COLUMNS).map((column) => cells[column as keyof typeof cells]);
}
