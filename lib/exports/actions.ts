"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { formAction } from "@/lib/server-action";
import { buildEvidencePackJob } from "./pack/jobs";
import { requestEvidencePack } from "./pack/stored-packs";

// Server actions of the Exports page.

export const requestEvidencePackAction = formAction({ args: z.tuple([]), arrays: ["systemIds"] }, async (ctx, _args, values) => {
  const pack = await requestEvidencePack(ctx, { systemIds: values.systemIds ?? [], all: values.scope === "all", from: values.from, to: values.to }, (tx, exportId) =>
    enqueueJob(buildEvidencePackJob, { exportId }, { db: tx }),
  );
  revalidatePath("/exports");
  redirect(`/exports?requested=${pack.id}`);
});
