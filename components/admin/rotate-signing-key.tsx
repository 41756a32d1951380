"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { rotateSigningKeyAction } from "@/lib/signing/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** The "Rotate key" button with its confirmation; shows the new fingerprint afterwards. */
export function RotateSigningKey({ activeKeyId, activeFingerprint }: { activeKeyId: string; activeFingerprint: string }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <ConfirmDialog
        trigger={<Button variant="secondary" className="whitespace-normal text-left">Rotate signing key</Button>}
        title="Rotate the instance signing key?"
        description={
          <>
            <p>A new key signs every attestation from now on. The current key ({activeFingerprint.slice(0, 26)}…) is retired: it stays listed, so attestations it signed still verify.</p>
            <p className="mt-2">Pipelines or admission controllers that pin the public key must be given the new one (from /api/v1/keys).</p>
          </>
        }
        confirmLabel="Rotate key"
        tone="primary"
        onConfirm={async () => {
          const result = await rotateSigningKeyAction(activeKeyId);
          if (!result.ok) throw new Error(result.error);
          setDone(result.data.fingerprint);
          router.refresh();
        }}
      />
      {done ? <p role="status" className="text-sm text-emerald-700">New key active: <span className="break-all font-mono text-xs">{done}</span></p> : null}
    </div>
  );
}
