"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { zId, zRowVersion } from "@/lib/validation/fields";
import { createAsset } from "./create-asset";
import { deleteAsset } from "./delete-asset";
import { updateAsset } from "./update-asset";

// Server actions of the assets (bill of materials) feature.

const ARRAYS = ["capabilities"];

export const createAssetAction = formAction({ args: z.tuple([zId("The system id")]), arrays: ARRAYS }, async (ctx, [systemId], values) => {
  const asset = await createAsset(ctx, systemId, values);
  revalidatePath(`/systems/${systemId}/assets`);
  // The page names the asset from the record: the address carries its id, never text to show.
  redirect(`/systems/${systemId}/assets?added=${encodeURIComponent(asset.id)}`);
});

export const updateAssetAction = formAction({ args: z.tuple([zId("The system id"), zId("The asset id")]), arrays: ARRAYS }, async (ctx, [systemId, assetId], values) => {
  await updateAsset(ctx, assetId, values);
  revalidatePath(`/systems/${systemId}/assets`);
  redirect(`/systems/${systemId}/assets?saved=${encodeURIComponent(assetId)}`);
});

export const deleteAssetAction = serverAction({ args: z.tuple([zId("The system id"), zId("The asset id"), zRowVersion()]) }, async (ctx, systemId, assetId, expectedVersion) => {
  await deleteAsset(ctx, assetId, { expectedVersion });
  revalidatePath(`/systems/${systemId}/assets`);
});
