import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/lib/db/create-client";
import { DEFAULT_RESIDUAL_THRESHOLD, THRESHOLD_MAX, THRESHOLD_MIN } from "./rules";

/** InstanceSetting key holding the admin-configured residual-risk threshold. */
export const RESIDUAL_THRESHOLD_KEY = "threats.residualThreshold";

export const ZResidualThreshold = z.coerce
  .number({ error: `The threshold is a whole number ${THRESHOLD_MIN}-${THRESHOLD_MAX}.` })
  .int(`The threshold is a whole number ${THRESHOLD_MIN}-${THRESHOLD_MAX}.`)
  .min(THRESHOLD_MIN, `The threshold is a whole number ${THRESHOLD_MIN}-${THRESHOLD_MAX}.`)
  .max(THRESHOLD_MAX, `The threshold is a whole number ${THRESHOLD_MIN}-${THRESHOLD_MAX}.`);

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
