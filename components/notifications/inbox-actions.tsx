"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { markReadAction } from "@/lib/notifications/actions";
import { Button } from "@/components/ui/button";

/** "Mark all read" for the inbox header. */
export function MarkAllRead({ disabled }: { disabled: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={disabled || pending}
      onClick={() =>
        start(async () => {
          await markReadAction("all");
          router.refresh();
        })
      }
    >
      {pending ? "Marking…" : "Mark all read"}
    </Button>
  );
}

/** A notification link that marks it read, then opens it (one click). */
export function OpenNotification({ id, href, read, children }: { id: string; href: string; read: boolean; children: React.ReactNode }) {
  const router = useRouter();
  return (
    <a
      href={href}
      data-testid={`notification-${id}`}
      className="block px-5 py-3 hover:bg-slate-50 focus-visible:bg-slate-50"
      onClick={async (e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        if (!read) await markReadAction([id]);
        router.push(href);
      }}
    >
      {children}
    </a>
  );
}
