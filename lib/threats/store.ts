import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/create-client";
import { type TThreatLibrary, ZThreatLibrary } from "./library-schema";
import { LATEST_THREAT_LIBRARY_VERSION, loadThreatLibrary, SHIPPED_THREAT_LIBRARY_VERSIONS } from "./load-library";

type DbOrTx = Db | Prisma.TransactionClient;

/** Advisory lock key: two instances starting together seed the threat library once. */
const THREAT_LIBRARY_SEED_LOCK = 724_010;

/**
 * Makes sure every threat library version shipped with this release is in the database (the
 * data files are the source; this is the seed). Idempotent and safe to run on every start.
 */
export async function ensureShippedThreatLibraries(db: Db) {
  const present = new Set((await db.threatLibraryVersion.findMany({ select: { version: true } })).map((v) => v.version));
  for (const version of SHIPPED_THREAT_LIBRARY_VERSIONS) {
    if (present.has(version)) continue;
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${THREAT_LIBRARY_SEED_LOCK}::bigint)`;
      if (await tx.threatLibraryVersion.findUnique({ where: { version } })) return;
      const makeCurrent = version === LATEST_THREAT_LIBRARY_VERSION;
      if (makeCurrent) await tx.threatLibraryVersion.updateMany({ where: { isCurrent: true }, data: { isCurrent: false } });
      await tx.threatLibraryVersion.create({
        data: { version, document: loadThreatLibrary(version) as unknown as Prisma.InputJsonValue, isCurrent: makeCurrent },
      });
    });
  }
}

const parsed = new Map<string, TThreatLibrary>();

/**
 * The threat library version new threats are drawn from: the database's current version,
 * validated once per process and version (published versions never change), or the latest
 * shipped file when the database has none yet.
 */
export async function currentThreatLibrary(db: DbOrTx): Promise<TThreatLibrary> {
  const row = await db.threatLibraryVersion.findFirst({ where: { isCurrent: true }, select: { version: true } });
  if (!row) return loadThreatLibrary();
  return threatLibraryVersion(db, row.version);
}

/** A stored library version by its version string (validated and cached). Throws when unknown. */
export async function threatLibraryVersion(db: DbOrTx, version: string): Promise<TThreatLibrary> {
  const cached = parsed.get(version);
  if (cached) return cached;
  const row = await db.threatLibraryVersion.findUnique({ where: { version }, select: { document: true } });
  if (!row) return loadThreatLibrary(version);
  const doc = ZThreatLibrary.parse(row.document);
  parsed.set(version, doc);
  return doc;
}
