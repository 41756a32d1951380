import "server-only";
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { getSigningKey } from "@/lib/signing";
import { zId } from "@/lib/validation/fields";
import { buildStoredPack, expireEvidencePacks } from "./stored-packs";

/** Builds a requested evidence pack (lib/exports/pack/stored-packs.ts), signed with the instance key. */
export const buildEvidencePackJob = defineJob({
  name: "build-evidence-pack",
  schema: z.object({ exportId: zId("The export id") }),
  permissions: ["export:run", "system:read", "checklist:read", "evidence:read"],
  retryLimit: 1,
  // An organisation-wide pack on a busy machine takes minutes, not seconds.
  expireInSeconds: 3 * 3600,
  handler: async ({ exportId }, { ctx }) => {
    const signer = await getSigningKey(ctx.db);
    const pack = await buildStoredPack(ctx, exportId, { signer });
    return { exportId, status: pack.status, bytes: pack.sizeBytes };
  },
});

/** Every 15 minutes: deletes the content of packs past their expiry (EXPORT_RETENTION_HOURS). */
export const expireEvidencePacksJob = defineJob({
  name: "expire-evidence-packs",
  schema: z.object({}),
  cron: "*/15 * * * *",
  handler: async (_data, { ctx }) => ({ expired: await expireEvidencePacks(ctx.db) }),
});
