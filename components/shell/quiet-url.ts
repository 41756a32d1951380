/**
 * Address updates that only record the page's state (e.g. which checklist item is open) and
 * are not links to follow: DeepLinkFocus and the checklist rows leave them alone.
 */
let quietHref: string | null = null;

/** Replaces the address with `url` (no history entry) and marks it as not a deep link. */
export function replaceUrlQuietly(url: URL): void {
  quietHref = url.href;
  window.history.replaceState(null, "", url);
}

/** Whether the current address was set by `replaceUrlQuietly`. */
export function isQuietUrl(): boolean {
  return quietHref !== null && quietHref === window.location.href;
}
