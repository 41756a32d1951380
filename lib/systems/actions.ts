"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { zBool, zId, zRowVersion } from "@/lib/validation/fields";
import { setSystemArchived } from "./archive-system";
import { createSystem } from "./create-system";
import { updateSystem } from "./update-system";

// Server actions of the systems feature. Thin: parse arguments (the wrappers), call the service,
// refresh or redirect.

export const createSystemAction = formAction({ args: z.tuple([]), arrays: ["contributorIds"] }, async (ctx, _args, values) => {
  const { id } = await createSystem(ctx, values);
  revalidatePath("/systems");
  redirect(`/systems/${id}?created=1`);
});

export const updateSystemAction = formAction({ args: z.tuple([zId("The system id")]), arrays: ["contributorIds"] }, async (ctx, [systemId], values) => {
  await updateSystem(ctx, systemId, values);
  revalidatePath(`/systems/${systemId}`);
  redirect(`/systems/${systemId}?saved=1`);
});

export const archiveSystemAction = serverAction(
  { args: z.tuple([zId("The system id"), zBool("Archived"), zRowVersion()]) },
  async (ctx, systemId, archived, expectedVersion) => {
    await setSystemArchived(ctx, systemId, { archived, expectedVersion });
    revalidatePath(`/systems/${systemId}`);
    revalidatePath("/systems");
  },
);
