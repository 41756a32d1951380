"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** A button that asks first, then runs a bound server action and refreshes the page. */
export function ConfirmAction({
  label,
  title,
  description,
  confirmLabel,
  action,
  variant = "primary",
}: {
  label: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  action: () => Promise<ActionResult<unknown>>;
  variant?: "primary" | "secondary";
}) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button size="sm" variant={variant}>{label}</Button>}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      tone="primary"
      onConfirm={async () => {
        const result = await action();
        if (!result.ok) throw new Error(result.error);
        router.refresh();
      }}
    />
  );
}
