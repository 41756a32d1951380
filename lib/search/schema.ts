import { z } from "zod";
import { zText } from "@/lib/validation/fields";

/** Longest search accepted, in characters (after trimming): longer is a typing accident, not a search. */
export const SEARCH_MAX_LENGTH = 100;

/**
 * The search across the app (`/search?q=`, `GET /api/search?q=`): one optional text. No text
 * (or only spaces) is "nothing searched yet", not an error; NUL, lone surrogates and text over
 * SEARCH_MAX_LENGTH characters are refused with a message naming the problem.
 */
export const ZSearchQuery = z.object({
  q: zText({ max: SEARCH_MAX_LENGTH, label: "The search" }).optional(),
});
export type TSearchQuery = z.input<typeof ZSearchQuery>;
