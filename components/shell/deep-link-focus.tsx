"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { deepLinkTargetId } from "@/lib/deep-link";
import { isQuietUrl } from "./quiet-url";

/** How long the highlight ring stays on a deep link's target. */
const HIGHLIGHT_MS = 2500;
/** How long to wait for the target to stream in before giving up. */
const WAIT_MS = 10_000;
/** After landing, the target is checked again at these delays (ms) in case late content moved it. */
const SETTLE_CHECKS = [300, 1000, 2000];
/** The events that mean the user has taken over the page (no more corrections after one). */
const USER_EVENTS = ["wheel", "touchstart", "keydown", "mousedown"] as const;

/**
 * Brings a deep link's target into view after the content has loaded: on every navigation
 * (first load and client-side, including a change of only the query or the hash) it waits for
 * the element named by the address (`deepLinkTargetId`: the hash, or `?evidence=`/`?item=`/
 * `?asset=`) to appear, scrolls it to the top of the viewport below the sticky top bar (the
 * offset is the `scroll-padding-top` of the page, app/globals.css) and marks it with
 * `data-deep-link` for a short highlight ring (an instant jump, and no fade under prefers-reduced-motion).
 * It checks again shortly after landing (late content above may push the target away) until the
 * user scrolls, types or clicks. Addresses written by `replaceUrlQuietly` (a row opened by hand) are not deep links.
 * Renders nothing. Mounted once in the app frame, inside a Suspense boundary.
 */
export function DeepLinkFocus() {
  const pathname = usePathname();
  const search = useSearchParams();
  const query = search.toString();

  useEffect(() => {
    let cancelled = false;
    let observer: MutationObserver | null = null;
    let giveUp: ReturnType<typeof setTimeout> | undefined;
    let unmark: ReturnType<typeof setTimeout> | undefined;
    let settle: ReturnType<typeof setTimeout>[] = [];
    // Once the user scrolls or types, the page is theirs: no more corrections.
    let userMoved = false;
    const moved = () => {
      userMoved = true;
    };

    /** Re-scrolls when something (content streamed in above, a late scroll reset) moved the target away. */
    function keepInView(el: HTMLElement) {
      settle = SETTLE_CHECKS.map((ms) =>
        setTimeout(() => {
          if (cancelled || userMoved || !el.isConnected) return;
          const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
          if (Math.abs(el.getBoundingClientRect().top - padding) > 48) el.scrollIntoView({ block: "start" });
        }, ms),
      );
    }

    function bring(id: string): boolean {
      const el = document.getElementById(id);
      // Streamed content first arrives in a hidden template; wait until it is laid out.
      if (!el || el.getClientRects().length === 0) return false;
      // After this commit's layout (e.g. an item that has just opened).
      requestAnimationFrame(() => {
        if (cancelled) return;
        el.scrollIntoView({ block: "start" });
        el.setAttribute("data-deep-link", "");
        unmark = setTimeout(() => el.removeAttribute("data-deep-link"), HIGHLIGHT_MS);
        keepInView(el);
      });
      return true;
    }

    function run() {
      if (isQuietUrl()) return;
      const id = deepLinkTargetId(window.location.hash, new URLSearchParams(window.location.search));
      if (!id || bring(id)) return;
      observer = new MutationObserver(() => {
        if (bring(id)) stop();
      });
      observer.observe(document.body, { childList: true, subtree: true });
      giveUp = setTimeout(stop, WAIT_MS);
    }

    function stop() {
      observer?.disconnect();
      observer = null;
      clearTimeout(giveUp);
    }

    function onHashChange() {
      stop();
      run();
    }

    run();
    window.addEventListener("hashchange", onHashChange);
    for (const type of USER_EVENTS) window.addEventListener(type, moved, { passive: true });
    return () => {
      cancelled = true;
      stop();
      clearTimeout(unmark);
      settle.forEach(clearTimeout);
      window.removeEventListener("hashchange", onHashChange);
      for (const type of USER_EVENTS) window.removeEventListener(type, moved);
    };
  }, [pathname, query]);

  return null;
}
