"use server";

// Server actions of the threat-model tab: thin adapters that parse their arguments, resolve
// the actor, call one service and map its errors. No rules live here.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { failure, formValues, type ActionState } from "@/lib/action-result";
import { requestMeta, requireApiActor } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { AppError, ValidationError } from "@/lib/errors";
import { addCustomThreat, addLibraryThreats } from "./add-threats";
import { addDataFlow, deleteDataFlow, updateDataFlow } from "./data-flows";
import { dismissSuggestion, restoreSuggestion } from "./dismiss-suggestion";
import { importThreatDragon } from "./import-threat-dragon";
import { setResidualThreshold } from "./set-threshold";
import { startThreatModelDraft } from "./start-draft";
import type { ImportReport } from "./threat-dragon";
import { discardDraft, transitionThreatModel } from "./transition";
import { updateThreatModel } from "./update-model";
import { removeThreat, updateThreat } from "./update-threat";

export type ThreatFormState = ActionState<Record<string, string | string[]>>;
export type SimpleResult = { error?: string; message?: string };

const ZId = z.string().min(1).max(64);
const ZEvent = z.enum(["submit", "return", "approve"]);

async function context() {
  return { actor: await requireApiActor(), db, meta: await requestMeta() };
}

function refresh(systemId: string) {
  revalidatePath(`/systems/${systemId}/threat-model`);
  revalidatePath(`/systems/${systemId}`);
}

/** Parses bound IDs; a tampered argument is a 4xx-style refusal, never a 500. */
function ids(...values: unknown[]): string[] {
  return values.map((v) => {
    const parsed = ZId.safeParse(v);
    if (!parsed.success) throw new ValidationError("The request names an invalid record.");
    return parsed.data;
  });
}

async function simple(systemId: unknown, fn: (systemId: string) => Promise<string | undefined | void>): Promise<SimpleResult> {
  try {
    const [sid] = ids(systemId);
    const message = await fn(sid);
    refresh(sid);
    return { message: message || undefined };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

async function form(systemId: unknown, values: Record<string, string | string[]>, fn: (systemId: string) => Promise<string>): Promise<ThreatFormState> {
  try {
    const [sid] = ids(systemId);
    const message = await fn(sid);
    refresh(sid);
    return { ok: true, message };
  } catch (error) {
    return failure(error, values);
  }
}

export async function startDraftAction(systemId: string): Promise<SimpleResult> {
  return simple(systemId, async (sid) => {
    const { version } = await startThreatModelDraft(await context(), sid);
    return `Version ${version} started as a draft.`;
  });
}

export async function updateModelAction(systemId: string, modelId: string, _prev: ThreatFormState, data: FormData): Promise<ThreatFormState> {
  const values = formValues(data);
  return form(systemId, values, async () => {
    const [mid] = ids(modelId);
    await updateThreatModel(await context(), mid, values);
    return "Scope and assumptions saved.";
  });
}

export async function addFlowAction(systemId: string, modelId: string, _prev: ThreatFormState, data: FormData): Promise<ThreatFormState> {
  const values = formValues(data, ["assetIds"]);
  return form(systemId, values, async () => {
    const [mid] = ids(modelId);
    await addDataFlow(await context(), mid, values);
    return "Data flow added.";
  });
}

export async function updateFlowAction(systemId: string, flowId: string, _prev: ThreatFormState, data: FormData): Promise<ThreatFormState> {
  const values = formValues(data, ["assetIds"]);
  return form(systemId, values, async () => {
    const [fid] = ids(flowId);
    await updateDataFlow(await context(), fid, values);
    return "Data flow saved.";
  });
}

export async function deleteFlowAction(systemId: string, flowId: string, expectedVersion: number): Promise<SimpleResult> {
  return simple(systemId, async () => {
    const [fid] = ids(flowId);
    await deleteDataFlow(await context(), fid, { expectedVersion });
    return "Data flow deleted.";
  });
}

export async function addThreatsAction(systemId: string, modelId: string, threatIds: string[]): Promise<SimpleResult> {
  return simple(systemId, async () => {
    const [mid] = ids(modelId);
    const { added } = await addLibraryThreats(await context(), mid, { threatIds });
    return `Added ${added.length} ${added.length === 1 ? "threat" : "threats"}.`;
  });
}

export async function addCustomThreatAction(systemId: string, modelId: string, _prev: ThreatFormState, data: FormData): Promise<ThreatFormState> {
  const values = formValues(data, ["assetIds"]);
  return form(systemId, values, async () => {
    const [mid] = ids(modelId);
    await addCustomThreat(await context(), mid, values);
    return "Threat added.";
  });
}

export async function updateThreatAction(systemId: string, threatId: string, _prev: ThreatFormState, data: FormData): Promise<ThreatFormState> {
  const values = formValues(data, ["assetIds", "controlCodes"]);
  return form(systemId, values, async () => {
    const [tid] = ids(threatId);
    await updateThreat(await context(), tid, values);
    return "Threat saved.";
  });
}

export async function removeThreatAction(systemId: string, threatId: string, expectedVersion: number): Promise<SimpleResult> {
  return simple(systemId, async () => {
    const [tid] = ids(threatId);
    await removeThreat(await context(), tid, { expectedVersion });
    return "Threat removed.";
  });
}

export async function dismissSuggestionAction(systemId: string, modelId: string, _prev: ThreatFormState, data: FormData): Promise<ThreatFormState> {
  const values = formValues(data);
  return form(systemId, values, async () => {
    const [mid] = ids(modelId);
    await dismissSuggestion(await context(), mid, values);
    return "Suggestion dismissed.";
  });
}

export async function restoreSuggestionAction(systemId: string, modelId: string, threatId: string): Promise<SimpleResult> {
  return simple(systemId, async () => {
    const [mid] = ids(modelId);
    await restoreSuggestion(await context(), mid, { threatId });
    return "Suggestion restored.";
  });
}

export async function transitionAction(systemId: string, modelId: string, event: string, expectedVersion: number, comment?: string): Promise<SimpleResult> {
  return simple(systemId, async () => {
    const [mid] = ids(modelId);
    const parsed = ZEvent.safeParse(event);
    if (!parsed.success) throw new ValidationError("Unknown status change.");
    const { status } = await transitionThreatModel(await context(), mid, parsed.data, { expectedVersion, comment });
    return status === "REVIEWED" ? "Marked reviewed: this version is now in force." : status === "IN_REVIEW" ? "Submitted for review." : "Returned to draft.";
  });
}

export async function discardDraftAction(systemId: string, modelId: string, expectedVersion: number): Promise<SimpleResult> {
  return simple(systemId, async () => {
    const [mid] = ids(modelId);
    await discardDraft(await context(), mid, { expectedVersion });
    return "Draft discarded.";
  });
}

export type ImportState = ThreatFormState & { report?: ImportReport; version?: number };

export async function importThreatDragonAction(systemId: string, _prev: ImportState, data: FormData): Promise<ImportState> {
  try {
    const [sid] = ids(systemId);
    const file = data.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ValidationError("Choose a Threat Dragon JSON file.", { file: ["Choose a Threat Dragon JSON file."] });
    const maxBytes = getConfig().MAX_IMPORT_BYTES;
    if (file.size > maxBytes) throw new ValidationError("The file is too large.", { file: [`Choose a file of at most ${Math.floor(maxBytes / 1024 / 1024)} MB.`] });
    const { version, report } = await importThreatDragon(await context(), sid, await file.text(), maxBytes);
    refresh(sid);
    return { ok: true, message: `Imported as draft version ${version}.`, report, version };
  } catch (error) {
    return failure(error, {});
  }
}

export async function setThresholdAction(systemId: string, _prev: ThreatFormState, data: FormData): Promise<ThreatFormState> {
  const values = formValues(data);
  return form(systemId, values, async () => {
    const { threshold } = await setResidualThreshold(await context(), values);
    return `Residual-risk threshold set to ${threshold}.`;
  });
}
