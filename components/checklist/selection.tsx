"use client";

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

type Selection = {
  /** Ids of the items in the current filter (the list is not paginated: every match is on the page). */
  inFilter: readonly string[];
  /** Selected ids, in list order, limited to the items in the current filter. */
  selected: readonly string[];
  isSelected: (id: string) => boolean;
  toggle: (id: string, on: boolean) => void;
  selectAll: () => void;
  clear: () => void;
};

const SelectionContext = createContext<Selection | null>(null);

/**
 * The reviewers' bulk selection of checklist items, shared by the row checkboxes and the bulk
 * bar. `itemIds` are the items the current filter shows; ticks of items that a new filter hides
 * are dropped from `selected`, so a bulk change only ever applies to items on screen.
 */
export function SelectionProvider({ itemIds, children }: { itemIds: string[]; children: ReactNode }) {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  // Keyed on the ids' content, not the array's identity (a refresh sends a new array).
  const key = itemIds.join(",");
  const inFilter = useMemo(() => (key ? key.split(",") : []), [key]);
  const selected = useMemo(() => inFilter.filter((id) => ticked.has(id)), [inFilter, ticked]);
  const toggle = useCallback((id: string, on: boolean) => {
    setTicked((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const selectAll = useCallback(() => setTicked(new Set(inFilter)), [inFilter]);
  const clear = useCallback(() => setTicked(new Set()), []);
  const isSelected = useCallback((id: string) => ticked.has(id), [ticked]);
  const value = useMemo(() => ({ inFilter, selected, isSelected, toggle, selectAll, clear }), [inFilter, selected, isSelected, toggle, selectAll, clear]);
  return <SelectionContext.Provider value={value}>{children}</SelectionContext.Provider>;
}

/** The selection; throws outside a `SelectionProvider` (a programming error). */
export function useSelection(): Selection {
  const selection = useContext(SelectionContext);
  if (!selection) throw new Error("useSelection outside SelectionProvider");
  return selection;
}

/** One item's "select for a bulk change" checkbox. */
export function SelectItemBox({ id, code }: { id: string; code: string }) {
  const { isSelected, toggle } = useSelection();
  return (
    <input
      type="checkbox"
      checked={isSelected(id)}
      onChange={(e) => toggle(id, e.target.checked)}
      aria-label={`Select ${code}`}
      className="h-4 w-4 shrink-0 rounded border-slate-300"
    />
  );
}
