"use server";

// Server actions of the approval pages: the platform wrappers parse every argument and resolve
// the actor; each action calls one service and refreshes the pages that show its result.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction, serverAction } from "@/lib/server-action";
import { zBool, zId, zRowVersion } from "@/lib/validation/fields";
import { decideApprovalRequest } from "./decide-request";
import { openApprovalRequest } from "./open-request";
import { recordApprovalException } from "./record-exception";
import { revokeApproval } from "./revoke-approval";
import { zEnvironmentKey } from "./schema";
import { addEnvironment, archiveEnvironment, updateTierPolicy } from "./settings";
import { submitApprovalRequest } from "./submit-request";
import { withdrawApprovalRequest } from "./withdraw-request";

const systemId = zId("The system id");
const requestId = zId("The request id");

function refresh(system: string, request?: string) {
  revalidatePath(`/systems/${system}/approvals`);
  revalidatePath(`/systems/${system}`, "layout");
  revalidatePath("/approvals");
  revalidatePath("/approvals/review");
  if (request) revalidatePath(`/approvals/${request}`);
}

/** Opens a draft request, then shows it. */
export const openRequestAction = formAction({ args: z.tuple([systemId]) }, async (ctx, [system], values) => {
  const { id } = await openApprovalRequest(ctx, { ...values, systemId: system });
  refresh(system, id);
  redirect(`/approvals/${id}`);
});

export const submitRequestAction = serverAction(
  { args: z.tuple([systemId, requestId, zRowVersion(), zBool("Submit as needs exception")]) },
  async (ctx, system, request, expectedVersion, asException) => {
    const result = await submitApprovalRequest(ctx, request, { expectedVersion, asException });
    refresh(system, request);
    return { needsException: result.needsException };
  },
);

export const withdrawRequestAction = serverAction({ args: z.tuple([systemId, requestId, zRowVersion()]) }, async (ctx, system, request, expectedVersion) => {
  await withdrawApprovalRequest(ctx, request, { expectedVersion });
  refresh(system, request);
});

export const decideRequestAction = formAction({ args: z.tuple([systemId, requestId]) }, async (ctx, [system, request], values) => {
  const result = await decideApprovalRequest(ctx, request, values);
  refresh(system, request);
  return { state: result.state, approvals: result.approvals, approvalsRequired: result.approvalsRequired };
});

export const recordExceptionAction = formAction({ args: z.tuple([systemId, requestId]) }, async (ctx, [system, request], values) => {
  await recordApprovalException(ctx, request, values);
  refresh(system, request);
});

export const revokeApprovalAction = serverAction({ args: z.tuple([systemId, requestId, z.string().max(2000)]) }, async (ctx, system, request, reason) => {
  await revokeApproval(ctx, request, { reason });
  refresh(system, request);
});

export const updateTierPolicyAction = formAction({ args: z.tuple([]) }, async (ctx, _args, values) => {
  const row = await updateTierPolicy(ctx, values);
  revalidatePath("/admin/approvals");
  return row;
});

export const addEnvironmentAction = formAction({ args: z.tuple([]) }, async (ctx, _args, values) => {
  const row = await addEnvironment(ctx, values);
  revalidatePath("/admin/approvals");
  return row;
});

export const archiveEnvironmentAction = serverAction({ args: z.tuple([zEnvironmentKey()]) }, async (ctx, key) => {
  await archiveEnvironment(ctx, key);
  revalidatePath("/admin/approvals");
});
