"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, useTransition } from "react";
import { changeRoleAction, resetPasswordAction, setDisabledAction } from "@/lib/users/actions";
import { label } from "@/components/labels";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";

export function RoleSelect({ userId, role, self, name }: { userId: string; role: string | null; self: boolean; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Until React has hydrated the row, a change would not reach the server: keep it disabled.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return (
    <div>
      <Select
        aria-label={`Role of ${name}`}
        className="w-44"
        defaultValue={role ?? "NONE"}
        disabled={self || pending || !hydrated}
        onChange={(e) => {
          const next = e.target.value;
          setSaved(null);
          start(async () => {
            const result = await changeRoleAction(userId, next);
            setError(result.ok ? null : result.error);
            setSaved(result.ok ? `Role saved: ${next === "NONE" ? "no access" : label(next).toLowerCase()}.` : null);
            router.refresh();
          });
        }}
      >
        <option value="NONE">No access</option>
        {["PRODUCT_OWNER", "SECURITY_REVIEWER", "AUDITOR", "ADMIN"].map((r) => <option key={r} value={r}>{label(r)}</option>)}
      </Select>
      {error ? <p role="alert" className="mt-1 text-xs text-red-600">{error}</p> : null}
      <p role="status" className="mt-1 text-xs text-emerald-700 empty:hidden">{pending ? "Saving…" : saved}</p>
    </div>
  );
}

const noSubscription = () => () => {};

export function UserActions({ userId, name, disabled, self, hasPassword }: { userId: string; name: string; disabled: boolean; self: boolean; hasPassword: boolean }) {
  const router = useRouter();
  const [temporary, setTemporary] = useState<string | null>(null);
  if (self) return <span className="text-xs text-slate-500">This is you</span>;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex justify-end gap-2">
        <ConfirmDialog
          trigger={<Button size="sm" variant="secondary">{hasPassword ? "Reset password" : "Set password"}</Button>}
          title={`Issue a temporary password for ${name}?`}
          description={<p>Their current password stops working and every open session ends. They must choose a new password at next sign-in.</p>}
          confirmLabel="Issue temporary password"
          tone="primary"
          onConfirm={async () => {
            const result = await resetPasswordAction(userId);
            if (!result.ok) throw new Error(result.error);
            setTemporary(result.data.temporaryPassword);
            router.refresh();
          }}
        />
        <ConfirmDialog
          trigger={<Button size="sm" variant={disabled ? "secondary" : "danger"}>{disabled ? "Enable" : "Disable"}</Button>}
          title={disabled ? `Enable ${name}?` : `Disable ${name}?`}
          description={disabled ? <p>They will be able to sign in again with their current password.</p> : <p>They are signed out on their next request and can no longer sign in. Their records and history are kept.</p>}
          confirmLabel={disabled ? "Enable account" : "Disable account"}
          tone={disabled ? "primary" : "danger"}
          onConfirm={async () => {
            const result = await setDisabledAction(userId, !disabled);
            if (!result.ok) throw new Error(result.error);
            router.refresh();
          }}
        />
      </div>
      {temporary ? (
        <p className="text-xs text-slate-600">
          Temporary password (shown once): <code data-testid="temporary-password" className="select-all rounded bg-amber-50 px-1.5 py-0.5 font-mono text-slate-900 ring-1 ring-amber-200">{temporary}</code>
        </p>
      ) : null}
    </div>
  );
}
