/** Tray icon for the Inbox nav entry (same 24-px stroke style as components/shell/icons). */
export const InboxIcon = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-5 w-5">
    <path d="M3 13l2.5-7.5A2 2 0 0 1 7.4 4h9.2a2 2 0 0 1 1.9 1.5L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5z" strokeLinejoin="round" />
    <path d="M3 13h5l1.5 2.5h5L16 13h5" strokeLinejoin="round" />
  </svg>
);
