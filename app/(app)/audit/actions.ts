"use server";

import { requireApiActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { verifyAuditChainFor, type ChainReport } from "@/lib/audit/verify";

export async function verifyChainAction(): Promise<{ report?: ChainReport & { checkedAt: string }; error?: string }> {
  try {
    const report = await verifyAuditChainFor({ actor: await requireApiActor(), db });
    return { report: { ...report, checkedAt: new Date().toISOString() } };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
