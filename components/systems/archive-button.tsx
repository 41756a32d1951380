"use client";

import { useRouter } from "next/navigation";
import { archiveSystemAction } from "@/lib/systems/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function ArchiveButton({ systemId, name, archived, version }: { systemId: string; name: string; archived: boolean; version: number }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="secondary">{archived ? "Restore" : "Archive"}</Button>}
      title={archived ? `Restore ${name}?` : `Archive ${name}?`}
      description={
        archived ? (
          <p>The system returns to the active inventory and can be edited again.</p>
        ) : (
          <p>
            The system leaves the active inventory and can no longer be edited. Its assets, history and evidence are kept, and you can restore it later.
          </p>
        )
      }
      confirmLabel={archived ? "Restore system" : "Archive system"}
      tone={archived ? "primary" : "danger"}
      onConfirm={async () => {
        const result = await archiveSystemAction(systemId, !archived, version);
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      }}
    />
  );
}
