"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

type Status = { status: string; progress: number; phase: string | null };

const PHASES: Record<string, string> = { records: "Collecting records", evidence: "Adding evidence files", audit: "Extracting the audit log", signing: "Signing the manifest" };

/**
 * A running export's progress bar: polls GET /api/exports/:id every second and refreshes the
 * page when the export finishes (or fails), so the download link appears.
 */
export function ExportProgress({ id, initial }: { id: string; initial: Status }) {
  const router = useRouter();
  const [state, setState] = useState(initial);
  useEffect(() => {
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/exports/${id}`, { cache: "no-store" });
        if (!response.ok || stopped) return;
        const next = (await response.json()) as Status;
        setState(next);
        if (next.status !== "QUEUED" && next.status !== "RUNNING") {
          stopped = true;
          clearInterval(timer);
          router.refresh();
        }
      } catch {
        // a missed poll is retried on the next tick
      }
    }, 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, router]);
  const label = state.status === "QUEUED" ? "Waiting for a worker" : (PHASES[state.phase ?? ""] ?? "Working");
  return (
    <div className="min-w-40">
      <div role="progressbar" aria-label={`Export progress: ${label}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={state.progress} className="h-2 w-full overflow-hidden rounded bg-slate-200">
        <div className="h-2 rounded bg-brand-600 transition-all" style={{ width: `${state.progress}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {label} · {state.progress}%
      </p>
    </div>
  );
}
