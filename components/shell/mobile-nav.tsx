"use client";

import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { usePathname } from "next/navigation";
import { Icons } from "./icons";
import { NavList } from "./nav-link";
import type { NavBadge, NavItem } from "./nav-items";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * The menu button shown below the `lg` breakpoint and the navigation drawer it opens: a modal
 * <dialog> (the page behind is inert), Tab and Shift+Tab cycle inside it, Escape or the close
 * button closes it and focus returns to the menu button. Following a link closes it too. The
 * entries are rendered only while it is open, so the page holds one copy of each (the sidebar's).
 */
export function MobileNav({ items, badges, brand }: { items: readonly NavItem[]; badges?: Partial<Record<NavBadge, React.ReactNode>>; brand: React.ReactNode }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const pathname = usePathname();

  const close = useCallback(() => {
    const dialog = dialogRef.current;
    if (dialog?.open) dialog.close();
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // A navigation (pathname change) closes the drawer.
  useEffect(() => close(), [pathname, close]);

  function trapTab(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== "Tab") return;
    const nodes = Array.from(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
    if (nodes.length === 0) return;
    const first = nodes[0]!;
    const last = nodes[nodes.length - 1]!;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls="main-menu"
        className="-ml-1 inline-flex h-10 w-10 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 lg:hidden"
      >
        <span className="h-6 w-6" aria-hidden>
          {Icons.menu}
        </span>
        <span className="sr-only">Menu</span>
      </button>
      <dialog
        ref={dialogRef}
        id="main-menu"
        aria-label="Menu"
        onKeyDown={trapTab}
        onClose={() => {
          setOpen(false);
          buttonRef.current?.focus();
        }}
        onClick={(event) => {
          // A click on the backdrop (the dialog element itself, outside its panel) closes it.
          if (event.target === dialogRef.current) close();
        }}
        className="m-0 h-full max-h-none w-72 max-w-[85vw] bg-slate-900 p-0 text-white backdrop:bg-slate-900/50 lg:hidden"
      >
        <div className="flex h-full flex-col">
          <div className="flex h-16 items-center justify-between gap-2 px-5">
            {brand}
            <button
              type="button"
              onClick={close}
              className="inline-flex h-10 w-10 items-center justify-center rounded-md text-slate-300 hover:bg-white/10 hover:text-white focus-visible:outline-brand-100"
            >
              <span className="h-6 w-6" aria-hidden>
                {Icons.close}
              </span>
              <span className="sr-only">Close menu</span>
            </button>
          </div>
          <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-4">
            {open ? <NavList items={items} badges={badges} onNavigate={close} /> : null}
          </nav>
        </div>
      </dialog>
    </>
  );
}
