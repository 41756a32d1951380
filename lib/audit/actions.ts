"use server";

import { z } from "zod";
import { serverAction } from "@/lib/server-action";
import { verifyAuditChainFor } from "./verify";

/** Walks the whole hash chain and reports the first broken link (readers of the audit log). */
export const verifyChainAction = serverAction({ args: z.tuple([]) }, async (ctx) => ({ ...(await verifyAuditChainFor(ctx)), checkedAt: new Date().toISOString() }));
