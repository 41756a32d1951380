import { z } from "zod";
import { zText } from "@/lib/validation/fields";

/** Longest search accepted, in characters (after trimming): longer is a typing accident, not a search. */
export const SEARCH_MAX_LENGTH = 100;

/** The refusal for a repeated `q` (`?q=fraud&q=agent`), on the page and in the API alike. */
export const SEARCH_ONE_AT_A_TIME = "Search for one thing at a time.";

/**
 * The search across the app (`/search?q=`, `GET /api/search?q=`): one optional text. No text
 * (or only spaces) is "nothing searched yet", not an error; NUL, lone surrogates and text over
 * SEARCH_MAX_LENGTH characters are refused with a message naming the problem; a repeated `q`
 * is refused with SEARCH_ONE_AT_A_TIME (not guessed at by taking one of them).
 */
export const ZSearchQuery = z.object({
  q: zText({ max: SEARCH_MAX_LENGTH, label: "The search", repeated: SEARCH_ONE_AT_A_TIME }).optional(),
});
export type TSearchQuery = z.input<typeof ZSearchQuery>;
