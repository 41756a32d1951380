"use server";

// Server actions of the threat-model tab: the platform wrappers parse every argument and
// resolve the actor; each action calls one service and refreshes the pages that show it.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { ValidationError } from "@/lib/errors";
import { formAction, serverAction } from "@/lib/server-action";
import { zId, zOptionalText, zRowVersion } from "@/lib/validation/fields";
import { addCustomThreat, addLibraryThreats } from "./add-threats";
import { addDataFlow, deleteDataFlow, updateDataFlow } from "./data-flows";
import { dismissSuggestion, restoreSuggestion } from "./dismiss-suggestion";
import { importThreatDragon } from "./import-threat-dragon";
import { THREAT_ID_PATTERN } from "./library-schema";
import { setResidualThreshold } from "./set-threshold";
import { startThreatModelDraft } from "./start-draft";
import { discardDraft, transitionThreatModel } from "./transition";
import { updateThreatModel } from "./update-model";
import { removeThreat, updateThreat } from "./update-threat";

function refresh(systemId: string) {
  revalidatePath(`/systems/${systemId}/threat-model`);
  revalidatePath(`/systems/${systemId}`);
}

const systemId = zId("The system id");
const modelId = zId("The threat model id");
const threatId = zId("The threat id");
const flowId = zId("The data flow id");
const libraryId = z.string().regex(THREAT_ID_PATTERN, "Threat IDs look like T-PI-01.");

export const startDraftAction = serverAction({ args: z.tuple([systemId]) }, async (ctx, system) => {
  const { version } = await startThreatModelDraft(ctx, system);
  refresh(system);
  return { message: `Version ${version} started as a draft.` };
});

export const updateModelAction = formAction({ args: z.tuple([systemId, modelId]) }, async (ctx, [system, model], values) => {
  await updateThreatModel(ctx, model, values);
  refresh(system);
  return { message: "Scope and assumptions saved." };
});

export const addFlowAction = formAction({ args: z.tuple([systemId, modelId]), arrays: ["assetIds"] }, async (ctx, [system, model], values) => {
  await addDataFlow(ctx, model, values);
  refresh(system);
  return { message: "Data flow added." };
});

export const updateFlowAction = formAction({ args: z.tuple([systemId, flowId]), arrays: ["assetIds"] }, async (ctx, [system, flow], values) => {
  await updateDataFlow(ctx, flow, values);
  refresh(system);
  return { message: "Data flow saved." };
});

export const deleteFlowAction = serverAction({ args: z.tuple([systemId, flowId, zRowVersion()]) }, async (ctx, system, flow, expectedVersion) => {
  await deleteDataFlow(ctx, flow, { expectedVersion });
  refresh(system);
  return { message: "Data flow deleted." };
});

export const addThreatsAction = serverAction({ args: z.tuple([systemId, modelId, z.array(libraryId).min(1, "Choose at least one threat.").max(80)]) }, async (ctx, system, model, ids) => {
  const { added } = await addLibraryThreats(ctx, model, { threatIds: ids });
  refresh(system);
  return { message: `Added ${added.length} ${added.length === 1 ? "threat" : "threats"}.` };
});

export const addCustomThreatAction = formAction({ args: z.tuple([systemId, modelId]), arrays: ["assetIds"] }, async (ctx, [system, model], values) => {
  await addCustomThreat(ctx, model, values);
  refresh(system);
  return { message: "Threat added." };
});

export const updateThreatAction = formAction({ args: z.tuple([systemId, threatId]), arrays: ["assetIds", "controlCodes"] }, async (ctx, [system, threat], values) => {
  await updateThreat(ctx, threat, values);
  refresh(system);
  return { message: "Threat saved." };
});

export const removeThreatAction = serverAction({ args: z.tuple([systemId, threatId, zRowVersion()]) }, async (ctx, system, threat, expectedVersion) => {
  await removeThreat(ctx, threat, { expectedVersion });
  refresh(system);
  return { message: "Threat removed." };
});

export const dismissSuggestionAction = formAction({ args: z.tuple([systemId, modelId]) }, async (ctx, [system, model], values) => {
  await dismissSuggestion(ctx, model, values);
  refresh(system);
  return { message: "Suggestion dismissed." };
});

export const restoreSuggestionAction = serverAction({ args: z.tuple([systemId, modelId, libraryId]) }, async (ctx, system, model, id) => {
  await restoreSuggestion(ctx, model, { threatId: id });
  refresh(system);
  return { message: "Suggestion restored." };
});

const ZEvent = z.enum(["submit", "return", "approve"], { error: "Unknown status change." });

export const transitionAction = serverAction(
  { args: z.tuple([systemId, modelId, ZEvent, zRowVersion(), zOptionalText({ max: 2000, label: "The comment" })]) },
  async (ctx, system, model, event, expectedVersion, comment) => {
    const { status } = await transitionThreatModel(ctx, model, event, { expectedVersion, comment: comment ?? undefined });
    refresh(system);
    return { message: status === "REVIEWED" ? "Marked reviewed: this version is now in force." : status === "IN_REVIEW" ? "Submitted for review." : "Returned to draft." };
  },
);

export const discardDraftAction = serverAction({ args: z.tuple([systemId, modelId, zRowVersion()]) }, async (ctx, system, model, expectedVersion) => {
  await discardDraft(ctx, model, { expectedVersion });
  refresh(system);
  return { message: "Draft discarded." };
});

/**
 * Threat Dragon import from a file field. The wrapper parses the bound system id; the file is
 * checked here (present, not larger than MAX_IMPORT_BYTES) before the service parses it.
 */
export const importThreatDragonAction = formAction({ args: z.tuple([systemId]) }, async (ctx, [system], _values, form) => {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new ValidationError("Choose a Threat Dragon JSON file.", { file: ["Choose a Threat Dragon JSON file."] });
  const maxBytes = getConfig().MAX_IMPORT_BYTES;
  if (file.size > maxBytes) throw new ValidationError("The file is too large.", { file: [`Choose a file of at most ${Math.floor(maxBytes / 1024 / 1024)} MB.`] });
  const { version, report } = await importThreatDragon(ctx, system, await file.text(), maxBytes);
  refresh(system);
  return { message: `Imported as draft version ${version}.`, report, version };
});

export const setThresholdAction = formAction({ args: z.tuple([systemId]) }, async (ctx, [system], values) => {
  const { threshold } = await setResidualThreshold(ctx, values);
  refresh(system);
  return { message: `Residual-risk threshold set to ${threshold}.` };
});
