import "server-only";
import { Debug } from "@prisma/client/runtime/client";

/**
 * Why this exists: @prisma/debug keeps the arguments of its last 100 debug calls for Prisma's
 * error reports, even when DEBUG is off. With a driver adapter those arguments include every
 * query's parameters, so while a file streams in, each stored chunk stays referenced for the
 * next ~100 debug calls, survives young-generation GCs and piles up in the old generation
 * until a full GC: measured +110 MB RSS per 25 MB upload, versus +32 MB once the history is
 * emptied after each chunk (bench/evidence-upload.ts). Only diagnostics are lost.
 *
 * Two copies hold such history: the one bundled in Prisma's client runtime (reachable through
 * its public `Debug` export; it has no "clear", so old entries are pushed out) and the
 * `@prisma/debug` package the pg adapter uses (cleared with its `clearLogs`). The latter is
 * imported at run time, unbundled, so it is the very module instance the adapter loaded.
 */
const HISTORY_LENGTH = 100; // MAX_ARGS_HISTORY in @prisma/debug 6.x
const NAMESPACE = "aigov:evidence-upload";
const filler = Debug(NAMESPACE);

type DebugPackage = { clearLogs?: () => void };
let adapterDebug: Promise<DebugPackage | null> | undefined;

export async function forgetPrismaDebugArgs(): Promise<void> {
  try {
    // With DEBUG on (someone is diagnosing), keep the history and do not print filler lines.
    if (!Debug.enabled(NAMESPACE)) for (let i = 0; i < HISTORY_LENGTH; i++) filler("-");
    adapterDebug ??= import(/* turbopackIgnore: true */ /* webpackIgnore: true */ "@prisma/debug").then(
      (mod: DebugPackage) => mod,
      () => null,
    );
    (await adapterDebug)?.clearLogs?.();
  } catch {
    // Memory hygiene only: never let it fail an upload.
  }
}
