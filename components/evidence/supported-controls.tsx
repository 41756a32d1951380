"use client";

import Link from "next/link";
import { useId, useState } from "react";

type Control = { itemId: string; code: string; title: string; href: string };

/** How many controls the line shows before "and N more" (the demo's pen-test summary supports 40). */
export const SUPPORTED_CONTROLS_SHOWN = 3;

/**
 * The checklist controls an evidence item supports, each as its code and title linking to the
 * checklist item (e.g. "Supports DES-1.2 Model the threats"). On a checklist item, `exceptItemId`
 * leaves that item out and the line reads "Also supports". Past `SUPPORTED_CONTROLS_SHOWN`
 * controls the rest fold behind an "and N more" button (aria-expanded; "show fewer" folds them
 * again), so evidence that supports dozens of controls does not become a wall of links.
 */
export function SupportedControls({ controls, exceptItemId }: { controls: readonly Control[]; exceptItemId?: string }) {
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  const all = exceptItemId ? controls.filter((c) => c.itemId !== exceptItemId) : controls;
  if (all.length === 0) {
    return exceptItemId ? null : <p className="mt-1 text-xs text-slate-500" data-testid="evidence-supports">Not attached to a checklist control yet.</p>;
  }
  // Folding away a single control saves nothing: show it instead of "and 1 more".
  const foldable = all.length > SUPPORTED_CONTROLS_SHOWN + 1;
  const shown = foldable && !expanded ? all.slice(0, SUPPORTED_CONTROLS_SHOWN) : all;
  const hidden = all.length - shown.length;
  return (
    <div className="mt-1 text-xs text-slate-600" data-testid="evidence-supports">
      <span>{exceptItemId ? "Also supports" : "Supports"}</span>{" "}
      <ul className="inline" id={listId}>
        {shown.map((c, i) => (
          <li key={c.itemId} className="inline">
            <Link href={c.href} className="font-medium text-brand-700 underline decoration-brand-200 underline-offset-2 hover:text-brand-900">
              <span className="font-mono">{c.code}</span> {c.title}
            </Link>
            {i < shown.length - 1 ? ", " : null}
          </li>
        ))}
      </ul>
      {foldable ? (
        <>
          {" "}
          <button
            type="button"
            aria-expanded={expanded}
            aria-controls={listId}
            onClick={() => setExpanded((v) => !v)}
            className="rounded font-medium text-slate-700 underline decoration-dotted underline-offset-2 hover:text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {expanded ? "show fewer" : `and ${hidden} more`}
          </button>
        </>
      ) : null}
    </div>
  );
}
