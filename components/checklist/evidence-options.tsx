"use client";

import { createContext, useContext, type ReactNode } from "react";

export type EvidenceOption = { id: string; title: string; kind: string; state: string };

const Options = createContext<EvidenceOption[]>([]);

/** The system's evidence, sent to the browser once for every item's "attach existing" picker. */
export function EvidenceOptionsProvider({ options, children }: { options: EvidenceOption[]; children: ReactNode }) {
  return <Options.Provider value={options}>{children}</Options.Provider>;
}

export function useEvidenceOptions() {
  return useContext(Options);
}
