import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/create-client";
import { zInt } from "@/lib/validation/fields";
import { DEFAULT_RESIDUAL_THRESHOLD, THRESHOLD_MAX, THRESHOLD_MIN } from "./rules";

/** InstanceSetting key holding the admin-configured residual-risk threshold. */
export const RESIDUAL_THRESHOLD_KEY = "threats.residualThreshold";

// `true` is not 1, "" is not 0 (z.coerce took both): the shared integer block refuses them.
export const ZResidualThreshold = zInt({ min: THRESHOLD_MIN, max: THRESHOLD_MAX, message: `The threshold is a whole number ${THRESHOLD_MIN}-${THRESHOLD_MAX}.` });

const ZStored = z.object({ threshold: ZResidualThreshold });

/**
 * The residual-risk threshold (risk score 1-24): threats whose effective score is above it
 * need a treatment decision. DEFAULT_RESIDUAL_THRESHOLD until an admin sets one; a stored
 * value that does not parse also falls back to the default.
 */
export async function getResidualThreshold(db: Db | Prisma.TransactionClient): Promise<number> {
  const row = await db.instanceSetting.findUnique({ where: { key: RESIDUAL_THRESHOLD_KEY }, select: { value: true } });
  const parsed = ZStored.safeParse(row?.value);
  return parsed.success ? parsed.data.threshold : DEFAULT_RESIDUAL_THRESHOLD;
}
