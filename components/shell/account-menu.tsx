"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

/**
 * The avatar button in the top bar and the account menu it opens (a disclosure: a button with
 * aria-expanded controlling a panel of links). Escape closes it and returns focus to the
 * button; a click outside or following one of its links closes it. `children` are extra entries rendered
 * last (the layout passes the sign-out form, whose server action lives in app/).
 */
export function AccountMenu({ name, email, role, children }: { name: string; email: string; role: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();

  useEffect(() => {
    if (!open) return;
    function onPointer(event: PointerEvent) {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: globalThis.KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2.5 rounded-full py-1 pl-1 pr-1 text-left hover:bg-slate-100 sm:rounded-md sm:pr-2"
      >
        <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white" aria-hidden>
          {initials}
        </span>
        <span className="sr-only sm:not-sr-only sm:block sm:min-w-0">
          <span className="block max-w-40 truncate text-sm font-medium text-slate-900" data-testid="current-user">
            {name}
          </span>
          <span className="block max-w-40 truncate text-xs text-slate-600" data-testid="current-role">
            {role}
          </span>
        </span>
        <span className="sr-only">: account menu</span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        onClick={(event) => {
          // Following a link (a navigation) closes the menu.
          if ((event.target as HTMLElement).closest("a")) setOpen(false);
        }}
        className="absolute right-0 z-40 mt-2 w-64 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
      >
        <div className="border-b border-slate-100 px-4 py-2.5">
          <p className="truncate text-sm font-medium text-slate-900">{name}</p>
          <p className="truncate text-xs text-slate-600">{email}</p>
        </div>
        <ul className="py-1 text-sm">
          <li>
            <Link href="/account/password" className="block px-4 py-2 text-slate-700 hover:bg-slate-50 focus-visible:outline-offset-[-2px]">
              Change password
            </Link>
          </li>
          <li>
            <Link href="/about" className="block px-4 py-2 text-slate-700 hover:bg-slate-50 focus-visible:outline-offset-[-2px]">
              About and help
            </Link>
          </li>
          <li className="border-t border-slate-100 pt-1">{children}</li>
        </ul>
      </div>
    </div>
  );
}
