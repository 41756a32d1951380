import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { ConflictError } from "@/lib/errors";
import type { DbOrTx, Tx } from "@/lib/service-context";
import { isUniqueViolation } from "@/lib/validation";

/**
 * Instance settings (the `InstanceSetting` key/value table) saved from admin forms without
 * losing a concurrent change: the form carries the version it was opened at (the row's
 * `updatedAt`, or "none" before the first save) and the write refuses when the row has moved
 * since. Two admins editing the review intervals in two tabs: the second save is a visible
 * conflict, never a silent overwrite of the first.
 */

/** The version of a setting that has never been saved. */
export const UNSAVED_SETTING = "none";

/** The version a settings form sends back: "none" or the ISO timestamp from `settingVersion`. */
export const zSettingVersion = z
  .string({ error: "The form is missing its version: reload the page and save again." })
  .regex(/^(none|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/, "The form's version is not valid: reload the page and save again.");

/** The current version of setting `key` (for the form's hidden field): ISO timestamp or "none". */
export async function settingVersion(db: DbOrTx, key: string): Promise<string> {
  const row = await db.instanceSetting.findUnique({ where: { key }, select: { updatedAt: true } });
  return row ? row.updatedAt.toISOString() : UNSAVED_SETTING;
}

/**
 * Writes setting `key` if it is still at `expectedVersion`, inside the caller's transaction (the
 * row is locked first, so two saves are serialised and the later one sees the earlier).
 *
 * @param what how the setting is called in the message, e.g. "The review intervals".
 * @returns the new version (ISO timestamp).
 * @throws ConflictError when the setting was saved (or first created) by someone else since
 *   `expectedVersion`; nothing is written then.
 */
export async function writeSetting(tx: Tx, key: string, value: Prisma.InputJsonValue, expectedVersion: string, what: string): Promise<string> {
  const conflict = () => new ConflictError(`${what} changed after you opened this page: someone else saved first. Nothing was saved; reload to see the current values, then save again.`);
  const rows = await tx.$queryRaw<{ updatedAt: Date }[]>`SELECT "updatedAt" FROM "InstanceSetting" WHERE "key" = ${key} FOR UPDATE`;
  const current = rows[0] ? rows[0].updatedAt.toISOString() : UNSAVED_SETTING;
  if (current !== expectedVersion) throw conflict();
  try {
    const saved = rows[0]
      ? await tx.instanceSetting.update({ where: { key }, data: { value }, select: { updatedAt: true } })
      : await tx.instanceSetting.create({ data: { key, value }, select: { updatedAt: true } });
    return saved.updatedAt.toISOString();
  } catch (error) {
    // Two first saves at once: the other one created the row between our read and our insert.
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
