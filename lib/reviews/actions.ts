"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { formAction } from "@/lib/server-action";
import { zId } from "@/lib/validation/fields";
import { recordReview } from "./record-review";
import { setReviewIntervals } from "./settings";

/** "DES-1.1: what was found" per line → findings; a line that does not parse names its number. */
function parseFindings(text: string) {
  const findings: { code: string; finding: string }[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  for (const [n, line] of lines.entries()) {
    if (!line) continue;
    const m = /^([A-Za-z]{2,5}-\d+(?:\.\d+)*)\s*[:–-]\s*(.+)$/.exec(line);
    if (!m) throw new ValidationError(`Line ${n + 1} of the findings is not "CODE: finding".`, { findings: [`Line ${n + 1}: write it as "DES-1.1: what was found".`] });
    findings.push({ code: m[1]!.toUpperCase(), finding: m[2]! });
  }
  return findings;
}

/** Records a periodic review from the system page's form. */
export const recordReviewAction = formAction({ args: z.tuple([zId("The system id")]) }, async (ctx, [systemId], values) => {
  const result = await recordReview(ctx, systemId, {
    reviewedOn: values.reviewedOn,
    outcome: values.outcome,
    notes: values.notes,
    findings: parseFindings(String(values.findings ?? "")),
    expectedVersion: values.expectedVersion,
  });
  revalidatePath(`/systems/${systemId}`);
  return result;
});

/** Saves the admin's review intervals. */
export const setReviewIntervalsAction = formAction({ args: z.tuple([]) }, async (ctx, _args, values) => {
  const saved = await setReviewIntervals(ctx, values);
  revalidatePath("/admin/review-cycles");
  return saved;
});
