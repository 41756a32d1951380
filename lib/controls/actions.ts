"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { serverAction } from "@/lib/server-action";
import { zText } from "@/lib/validation/fields";
import { previewLibraryVersion, publishLibraryVersion } from "./publish-library";

// Server actions of control-library publishing (admins only; the services check). A refused
// document comes back with `fieldErrors` keyed by the problem's path in the document
// ("pillars.2.principles.0.controls.3.id"), in document order.

/** The largest library document accepted (characters); the shipped one is about 150 000. */
const MAX_LIBRARY_CHARS = 5_000_000;

const libraryText = zText({ max: MAX_LIBRARY_CHARS, min: 1, label: "The library file", keepWhitespace: true });

/** Validates an uploaded library document and returns the diff against the current version. */
export const previewLibraryAction = serverAction({ args: z.tuple([libraryText]) }, (ctx, jsonText) => previewLibraryVersion(ctx, jsonText));

/** Publishes the document as the new current library version. */
export const publishLibraryAction = serverAction({ args: z.tuple([libraryText, zText({ max: 2000, label: "The release notes" })]) }, async (ctx, jsonText, notes) => {
  const published = await publishLibraryVersion(ctx, jsonText, { notes });
  revalidatePath("/admin/library");
  revalidatePath("/library");
  return published;
});
