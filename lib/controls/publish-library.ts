import { canonicalize } from "@/lib/canonical-json";
import { lockForTransaction } from "@/lib/db/locks";
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { appendAudit } from "@/lib/audit/append";
import { assertCan } from "@/lib/authz/policy";
import { diffLibraries, type LibraryControl, type LibraryDiff } from "@/lib/checklists/rules";
import type { Db } from "@/lib/db/create-client";
import { ValidationError } from "@/lib/errors";
import { withTransaction, type ServiceContext } from "@/lib/service-context";
import { isUniqueViolation, parseOrThrow, zodFieldErrors } from "@/lib/validation";
import { ZControlLibrary, type TControlLibrary } from "./library-schema";
import { compareVersions, controlRows, currentLibraryVersion, insertLibraryVersion } from "./store";

/** A library document is about 120 kB; anything far beyond that is not one. */
export const MAX_LIBRARY_JSON_CHARS = 3_000_000;
/** Same key as ensureShippedLibraries: publishing and seeding never interleave. */

export const ZPublishLibraryOptions = z.object({
  notes: z
    .string()
    .trim()
    .max(1000, "Notes must be at most 1000 characters.")
    .optional()
    .transform((notes) => notes || undefined),
});
export type TPublishLibraryOptions = z.input<typeof ZPublishLibraryOptions>;

export type LibraryPreview = {
  version: string;
  /** The date the document declares. */
  documentDate: string;
  /** The current version the diff is taken against (null on an instance without a library). */
  previousVersion: string | null;
  controlCount: number;
  diff: LibraryDiff;
  /** Control code → title (the new title, or the old one for retired controls). */
  titles: Record<string, string>;
};

type Tx = Prisma.TransactionClient | Db;

export type LibraryIssue = { path: string; message: string };

/** A document that fails the library schema: every problem, with its path in the document. */
export class InvalidLibraryError extends ValidationError {
  /** In document order, e.g. { path: "pillars.2.principles.0.controls.3.id", message: "…" }. */
  readonly issues: LibraryIssue[];

  constructor(error: z.ZodError) {
    const count = error.issues.length;
    super(`The library has ${count} ${count === 1 ? "problem" : "problems"}; nothing was published.`, zodFieldErrors(error));
    this.issues = error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  }
}

/** JSON text → validated library; a ValidationError for unreadable JSON, an InvalidLibraryError for schema problems. */
export function parseLibraryJson(jsonText: string): TControlLibrary {
  const text = jsonText.replace(/^\uFEFF/, "");
  if (!text.trim()) throw new ValidationError("The file is empty.");
  if (text.length > MAX_LIBRARY_JSON_CHARS) {
    throw new ValidationError(`The file is too large to be a control library (at most ${MAX_LIBRARY_JSON_CHARS.toLocaleString("en")} characters).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : "unreadable";
    throw new ValidationError(`The file is not valid JSON: ${detail}`);
  }
  const parsed = ZControlLibrary.safeParse(raw);
  if (!parsed.success) throw new InvalidLibraryError(parsed.error);
  return parsed.data;
}


type ComparableRow = Omit<LibraryControl, "applicability" | "mappings"> & { applicability: unknown; mappings: unknown };

function comparable(row: ComparableRow): LibraryControl {
  return {
    code: row.code,
    title: row.title,
    guidance: row.guidance,
    evidenceExpectation: row.evidenceExpectation,
    evidenceRequired: row.evidenceRequired,
    reviewerOnly: row.reviewerOnly,
    // jsonb returns keys in its own order: compare canonical forms.
    applicability: canonicalize(row.applicability),
    mappings: canonicalize(row.mappings),
  };
}

/** Refuses versions that exist or do not move forward, and computes the diff against the current one. */
async function prepare(db: Tx, doc: TControlLibrary): Promise<LibraryPreview> {
  const existing = await db.controlLibraryVersion.findUnique({ where: { version: doc.version }, select: { id: true } });
  if (existing) {
    throw new ValidationError(`Version ${doc.version} already exists. Give the new library a higher version.`, {
      version: [`Version ${doc.version} already exists.`],
    });
  }
  const current = await currentLibraryVersion(db);
  if (current && compareVersions(doc.version, current.version) <= 0) {
    throw new ValidationError(`Version ${doc.version} is not newer than the current version ${current.version}.`, {
      version: [`Must be greater than ${current.version}.`],
    });
  }
  const before = current
    ? await db.control.findMany({
        where: { libraryVersionId: current.id },
        orderBy: { position: "asc" },
        select: { code: true, title: true, guidance: true, evidenceExpectation: true, evidenceRequired: true, reviewerOnly: true, applicability: true, mappings: true },
      })
    : [];
  // controlRows() is exactly what insertLibraryVersion stores, so the diff compares like with like.
  const after = controlRows(doc, "").map((row) => ({ ...row, evidenceRequired: row.evidenceRequired ?? true, reviewerOnly: row.reviewerOnly ?? false }));
  const titles: Record<string, string> = Object.fromEntries(before.map((c) => [c.code, c.title]));
  for (const c of after) titles[c.code] = c.title;
  return {
    version: doc.version,
    documentDate: doc.publishedAt,
    previousVersion: current?.version ?? null,
    controlCount: after.length,
    diff: diffLibraries(before.map(comparable), after.map(comparable)),
    titles,
  };
}

/** Validates an uploaded library and shows what publishing it would change. Admins only; writes nothing. */
export async function previewLibraryVersion({ actor, db }: ServiceContext, jsonText: string): Promise<LibraryPreview> {
  assertCan(actor, "library:manage");
  return prepare(db, parseLibraryJson(jsonText));
}

/**
 * Publishes a new library version and makes it current: new checklists use it; existing
 * checklists keep their version until a reviewer upgrades them. Audited in the same transaction.
 */
export async function publishLibraryVersion({ actor, db, meta }: ServiceContext, jsonText: string, options: TPublishLibraryOptions = {}) {
  assertCan(actor, "library:manage");
  const { notes } = parseOrThrow(ZPublishLibraryOptions, options);
  const doc = parseLibraryJson(jsonText);
  try {
    return await withTransaction(
      { actor, db, meta },
      async ({ db: tx }) => {
        await lockForTransaction(tx, "libraryPublish");
        const preview = await prepare(tx, doc);
        const created = await insertLibraryVersion(tx, doc, { publishedById: actor.id, notes, makeCurrent: true });
        const { added, retired, changed } = preview.diff;
        await appendAudit(
          tx,
          actor,
          {
            action: "library.published",
            entityType: "ControlLibraryVersion",
            entityId: created.id,
            summary: {
              version: doc.version,
              previousVersion: preview.previousVersion,
              controls: preview.controlCount,
              added: added.length,
              retired: retired.length,
              changed: changed.length,
              codes: { added, retired, changed: changed.map((c) => c.code) },
              ...(notes ? { notes } : {}),
            },
          },
          meta,
        );
        return { id: created.id, ...preview };
      },
      { timeoutMs: 30_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ValidationError(`Version ${doc.version} already exists.`, { version: [`Version ${doc.version} already exists.`] });
    }
    throw error;
  }
}
