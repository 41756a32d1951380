"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { AddEvidenceForm } from "./add-evidence-form";

export function ReviseEvidence({ systemId, maxBytes, evidence }: { systemId: string; maxBytes: number; evidence: { id: string; title: string; kind: "FILE" | "LINK" | "NOTE" } }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="secondary">Correct</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(48rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold">Correct “{evidence.title}”</Dialog.Title>
          <Dialog.Description className="mt-1 text-sm text-slate-600">
            Evidence is never edited. The correction is added as a new revision; the old one stays on record, marked as replaced, and checklist items it supported now point to both.
          </Dialog.Description>
          <div className="mt-4">
            <AddEvidenceForm systemId={systemId} maxBytes={maxBytes} revisionOf={evidence} onDone={() => setOpen(false)} />
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function DeleteEvidence({ evidenceId, title }: { evidenceId: string; title: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(`/api/evidence/${evidenceId}`, { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ reason }) });
      const json = await response.json().catch(() => ({}));
      if (!response.ok) {
        setError(json.error?.fieldErrors?.reason?.join(" ") ?? json.error?.message ?? `Deleting failed (${response.status}).`);
        return;
      }
      setOpen(false);
      router.refresh();
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog.Root open={open} onOpenChange={(o) => !pending && setOpen(o)}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50">Delete</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[min(30rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <Dialog.Title className="text-base font-semibold">Delete “{title}”?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">
            The content is erased for good. A placeholder keeps its title, fingerprint (SHA-256), who deleted it and why, and the audit log records the deletion. This cannot be undone.
          </Dialog.Description>
          <label htmlFor={`reason-${evidenceId}`} className="mt-4 block text-sm font-medium text-slate-700">Reason (at least 10 characters)</label>
          <Textarea id={`reason-${evidenceId}`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1" />
          {error ? <p role="alert" className="mt-2 text-sm text-red-700">{error}</p> : null}
          <div className="mt-5 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary" disabled={pending}>Cancel</Button>
            </Dialog.Close>
            <Button variant="danger" onClick={confirm} disabled={pending || reason.trim().length < 10}>{pending ? "Deleting…" : "Delete evidence"}</Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
