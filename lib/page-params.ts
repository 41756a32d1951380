import { notFound } from "next/navigation";
import { zId } from "@/lib/validation/fields";

const ZPageId = zId();

/**
 * An id taken from a page URL segment (`/systems/[id]`, `/incidents/[id]`, ...). A value that is
 * not a well-formed id (NUL or `%00`, a lone surrogate, other non-ASCII text, more than 64
 * characters, `..`) names no row, so the page answers 404 before any query sees it: PostgreSQL
 * refuses NUL and broken UTF-8 with an error that would otherwise surface as a 500 (issue 7).
 *
 * @returns the id unchanged when it is well formed; never returns otherwise (`notFound()`).
 */
export function pageId(raw: unknown): string {
  const parsed = ZPageId.safeParse(raw);
  if (!parsed.success) notFound();
  return parsed.data;
}
