"use client";

import { useRouter } from "next/navigation";
import { deleteAssetAction } from "@/lib/assets/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function DeleteAssetButton({ systemId, assetId, name, version }: { systemId: string; assetId: string; name: string; version: number }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" aria-label={`Remove ${name}`}>Remove</Button>}
      title={`Remove ${name}?`}
      description={<p>The asset leaves this system&apos;s bill of materials. The audit trail keeps a record of what it was, including its digest.</p>}
      confirmLabel="Remove asset"
      onConfirm={async () => {
        const result = await deleteAssetAction(systemId, assetId, version);
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      }}
    />
  );
}
