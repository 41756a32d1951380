import { lockForTransaction } from "@/lib/db/locks";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/create-client";
import { flattenControls, loadLibrary, SHIPPED_LIBRARY_VERSIONS, LATEST_LIBRARY_VERSION } from "./load-library";
import type { TControlLibrary } from "./library-schema";

type Tx = Prisma.TransactionClient | Db;

/** Control rows for one library document, in library order. */
export function controlRows(doc: TControlLibrary, libraryVersionId: string): Prisma.ControlCreateManyInput[] {
  return flattenControls(doc).map((c, position) => ({
    libraryVersionId,
    code: c.id,
    pillar: c.pillarId,
    pillarTitle: c.pillarTitle,
    principleId: c.principleId,
    principleTitle: c.principleTitle,
    title: c.title,
    guidance: c.guidance,
    evidenceExpectation: c.evidence,
    evidenceRequired: c.evidenceRequired,
    reviewerOnly: c.reviewerOnly,
    applicability: c.applicability as Prisma.InputJsonValue,
    mappings: { ...c.mappings, source: c.mappingSource } as Prisma.InputJsonValue,
    searchText: [c.id, c.title, c.guidance, c.evidence, c.principleTitle, ...Object.values(c.mappings).flat()].join(" ").toLowerCase(),
    position,
  }));
}

export async function insertLibraryVersion(tx: Tx, doc: TControlLibrary, opts: { publishedById?: string; notes?: string; makeCurrent: boolean }) {
  if (opts.makeCurrent) await tx.controlLibraryVersion.updateMany({ where: { isCurrent: true }, data: { isCurrent: false } });
  const version = await tx.controlLibraryVersion.create({
    data: {
      version: doc.version,
      document: doc as unknown as Prisma.InputJsonValue,
      publishedById: opts.publishedById,
      notes: opts.notes,
      isCurrent: opts.makeCurrent,
    },
  });
  await tx.control.createMany({ data: controlRows(doc, version.id) });
  return version;
}

/**
 * Makes sure every library version shipped with this release is in the database (the data
 * files are the source; this is the seed). Idempotent and safe to run on every start.
 */
export async function ensureShippedLibraries(db: Db) {
  const present = new Set((await db.controlLibraryVersion.findMany({ select: { version: true } })).map((v) => v.version));
  const hasCurrent = (await db.controlLibraryVersion.count({ where: { isCurrent: true } })) > 0;
  for (const version of SHIPPED_LIBRARY_VERSIONS) {
    if (present.has(version)) continue;
    await db.$transaction(async (tx) => {
      // Advisory lock: two instances starting together seed once.
      await lockForTransaction(tx, "librarySeed");
      if (await tx.controlLibraryVersion.findUnique({ where: { version } })) return;
      await insertLibraryVersion(tx, loadLibrary(version), { makeCurrent: !hasCurrent && version === LATEST_LIBRARY_VERSION, notes: "Shipped with the product" });
    });
  }
}

export async function currentLibraryVersion(db: Tx) {
  return db.controlLibraryVersion.findFirst({ where: { isCurrent: true }, select: { id: true, version: true } });
}

/** Semver-ish comparison of "1.2.3" strings. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
