"use server";

import { revalidatePath } from "next/cache";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { InvalidLibraryError, previewLibraryVersion, publishLibraryVersion, type LibraryIssue, type LibraryPreview } from "@/lib/controls/publish-library";
import { db } from "@/lib/db/client";
import { AppError, ValidationError } from "@/lib/errors";

async function context() {
  return { actor: await requireApiActor(), db, meta: await requestMeta() };
}

export type LibraryActionState = {
  preview?: LibraryPreview;
  published?: LibraryPreview;
  error?: string;
  /** Schema problems, each with its path in the document ("pillars.2.principles.0.controls.3.id"). */
  issues?: LibraryIssue[];
};

function failure(error: unknown): LibraryActionState {
  if (error instanceof InvalidLibraryError) return { error: error.message, issues: error.issues };
  if (error instanceof AppError) return { error: error.message };
  throw error;
}

/** Validates an uploaded library document and returns the diff against the current version. */
export async function previewLibraryAction(jsonText: string): Promise<LibraryActionState> {
  try {
    if (typeof jsonText !== "string") throw new ValidationError("Upload a JSON file.");
    return { preview: await previewLibraryVersion(await context(), jsonText) };
  } catch (error) {
    return failure(error);
  }
}

/** Publishes the document as the new current library version. */
export async function publishLibraryAction(jsonText: string, notes: string): Promise<LibraryActionState> {
  try {
    if (typeof jsonText !== "string" || typeof notes !== "string") throw new ValidationError("Upload a JSON file.");
    const published = await publishLibraryVersion(await context(), jsonText, { notes });
    revalidatePath("/admin/library");
    revalidatePath("/library");
    return { published };
  } catch (error) {
    return failure(error);
  }
}
