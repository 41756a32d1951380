"use server";

// Server actions of the incident pages: the platform wrappers parse every argument and
// resolve the actor; each action calls one service and refreshes the pages that show it.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { zId, zOptionalText, zRowVersion, zText } from "@/lib/validation/fields";
import { buildIncidentAdvisory } from "./advisory";
import { pauseSystemFromIncident, resumeSystemFromIncident } from "./containment";
import { addIncidentEntry } from "./entries";
import { openFollowUp } from "./follow-ups";
import { addNotification, markNotificationDone } from "./notifications";
import { reportIncident } from "./report";
import { signRetirement, startRetirement } from "./retire";
import { setNotificationRules } from "./settings";
import { transitionIncident } from "./transition";
import { updateIncident } from "./update";

const incidentId = zId("The incident id");

function refresh(id?: string) {
  revalidatePath("/incidents");
  if (id) revalidatePath(`/incidents/${id}`);
}

export const reportIncidentAction = formAction({ args: z.tuple([]), arrays: ["systemIds", "assetIds", "tags"] }, async (ctx, _args, values) => {
  const { id, number } = await reportIncident(ctx, values);
  refresh(id);
  return { id, number };
});

export const updateIncidentAction = formAction({ args: z.tuple([incidentId]), arrays: ["assetIds", "tags"] }, async (ctx, [id], values) => {
  const { changed, escalated } = await updateIncident(ctx, id, values);
  refresh(id);
  revalidatePath("/");
  return { message: !changed.length ? "Nothing changed." : escalated ? "Incident escalated; notification duties follow the new severity." : "Incident updated." };
});

const ZEvent = z.enum(["triage", "contain", "resolve", "close", "reopen"], { error: "Unknown status change." });

export const transitionIncidentAction = serverAction(
  {
    args: z.tuple([
      incidentId,
      ZEvent,
      zRowVersion(),
      zOptionalText({ max: 4_000, label: "The comment" }),
      zOptionalText({ max: 10_000, label: "The root cause" }),
      zOptionalText({ max: 10_000, label: "The lessons learned" }),
    ]),
  },
  async (ctx, id, event, expectedVersion, comment, rootCause, lessonsLearned) => {
    const { status } = await transitionIncident(ctx, id, event, { expectedVersion, comment, rootCause, lessonsLearned });
    refresh(id);
    return { status };
  },
);

export const addEntryAction = formAction({ args: z.tuple([incidentId]) }, async (ctx, [id], values) => {
  await addIncidentEntry(ctx, id, values);
  refresh(id);
  return { message: "Added to the timeline." };
});

export const notificationDoneAction = formAction({ args: z.tuple([incidentId, zId("The duty id")]) }, async (ctx, [id, duty], values) => {
  const { late } = await markNotificationDone(ctx, duty, values);
  refresh(id);
  return { message: late ? "Recorded as done, after the deadline." : "Recorded as done." };
});

export const addNotificationAction = formAction({ args: z.tuple([incidentId]) }, async (ctx, [id], values) => {
  await addNotification(ctx, id, values);
  refresh(id);
  return { message: "Duty added." };
});

export const setNotificationRulesAction = formAction({ args: z.tuple([]) }, async (ctx, _args, values) => {
  // Fields arrive as "SEV1.REGULATOR" = "72": fold them into { SEV1: { REGULATOR: "72" } }.
  const nested: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === "settingVersion") continue;
    const [sev, party] = key.split(".");
    if (!sev || !party || Array.isArray(value)) continue;
    (nested[sev] ??= {})[party] = value;
  }
  await setNotificationRules(ctx, nested, values.settingVersion);
  revalidatePath("/admin/incident-rules");
  return { message: "Notification rules saved. New duties use them from now on." };
});

export const advisoryAction = formAction({ args: z.tuple([incidentId]) }, async (ctx, [id], values) => {
  const download = values.intent === "download";
  const { json, validation, fileName } = await buildIncidentAdvisory(ctx, id, values, { record: download });
  return { json, validation, fileName, download };
});

export const followUpAction = formAction({ args: z.tuple([incidentId]) }, async (ctx, [id], values) => {
  const { checklistItemId } = await openFollowUp(ctx, id, values);
  refresh(id);
  revalidatePath("/systems", "layout");
  return { message: checklistItemId ? "Follow-up opened on the checklist." : "Follow-up added to the threat model draft." };
});

const containmentArgs = z.tuple([incidentId, zId("The system id"), zText({ max: 4_000, label: "The comment" })]);

export const pauseSystemAction = serverAction({ args: containmentArgs }, async (ctx, id, systemId, comment) => {
  await pauseSystemFromIncident(ctx, id, { systemId, comment });
  refresh(id);
  revalidatePath(`/systems/${systemId}`, "layout");
  return { lifecycle: "PAUSED" };
});

export const resumeSystemAction = serverAction({ args: containmentArgs }, async (ctx, id, systemId, comment) => {
  await resumeSystemFromIncident(ctx, id, { systemId, comment });
  refresh(id);
  revalidatePath(`/systems/${systemId}`, "layout");
  return { lifecycle: "DEPLOYED" };
});

export const startRetirementAction = serverAction({ args: z.tuple([zId("The system id"), zText({ max: 4_000, label: "The reason" })]) }, async (ctx, systemId, statement) => {
  await startRetirement(ctx, systemId, { statement });
  revalidatePath(`/systems/${systemId}`, "layout");
  return { lifecycle: "RETIRING" };
});

export const signRetirementAction = serverAction({ args: z.tuple([zId("The system id"), zText({ max: 4_000, label: "The statement" })]) }, async (ctx, systemId, statement) => {
  const { assetsRetired } = await signRetirement(ctx, systemId, { statement });
  revalidatePath(`/systems/${systemId}`, "layout");
  return { lifecycle: "RETIRED", assetsRetired };
});
