const common = { viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 1.7, strokeLinecap: "round", strokeLinejoin: "round" } as const;

export const Icons = {
  incidents: (
    <svg {...common}>
      <path d="M12 3l9 16H3l9-16z" />
      <path d="M12 10v4M12 17h.01" />
    </svg>
  ),
  dashboard: (
    <svg {...common}>
      <rect x="3" y="3" width="7" height="9" rx="1.5" />
      <rect x="14" y="3" width="7" height="5" rx="1.5" />
      <rect x="14" y="12" width="7" height="9" rx="1.5" />
      <rect x="3" y="16" width="7" height="5" rx="1.5" />
    </svg>
  ),
  systems: (
    <svg {...common}>
      <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9L12 3z" />
      <path d="M12 12l8-4.5M12 12v9M12 12L4 7.5" />
    </svg>
  ),
  audit: (
    <svg {...common}>
      <path d="M9 4h6l1 2h3v15H5V6h3l1-2z" />
      <path d="M9 12l2 2 4-4" />
    </svg>
  ),
  library: (
    <svg {...common}>
      <path d="M4 5.5A1.5 1.5 0 015.5 4H10v16H5.5A1.5 1.5 0 014 18.5v-13z" />
      <path d="M10 4h4v16h-4" />
      <path d="M15.2 5.2l3.4-.9 2.4 14.4-3.4.9-2.4-14.4z" />
      <path d="M6.5 8h1.5M6.5 11h1.5" />
    </svg>
  ),
  libraryVersions: (
    <svg {...common}>
      <path d="M12 3l9 4.5-9 4.5-9-4.5L12 3z" />
      <path d="M3 12l9 4.5 9-4.5" />
      <path d="M3 16.5L12 21l9-4.5" />
    </svg>
  ),
  users: (
    <svg {...common}>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M3 20c.8-3.4 3.2-5 6-5s5.2 1.6 6 5" />
      <path d="M16 4.5a3.5 3.5 0 010 7M18 15c1.6.6 2.6 2.3 3 5" />
    </svg>
  ),
  settings: (
    <svg {...common}>
      <circle cx="8" cy="15" r="4" />
      <path d="M11 12l9-9M16 7l3 3M14 9l2 2" />
    </svg>
  ),
  tokens: (
    <svg {...common}>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="M7 10l3 2-3 2M12 15h5" />
    </svg>
  ),
  inbox: (
    <svg {...common}>
      <path d="M3 13l2.5-7.5A2 2 0 0 1 7.4 4h9.2a2 2 0 0 1 1.9 1.5L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5z" />
      <path d="M3 13h5l1.5 2.5h5L16 13h5" />
    </svg>
  ),
  requests: (
    <svg {...common}>
      <path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8l-5-5z" />
      <path d="M14 3v5h5M12 17v-6M9 14l3-3 3 3" />
    </svg>
  ),
  review: (
    <svg {...common}>
      <path d="M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3z" />
      <path d="M9 12l2 2 4-4" />
    </svg>
  ),
  policy: (
    <svg {...common}>
      <path d="M4 6h10M4 12h6M4 18h8" />
      <circle cx="17" cy="15" r="3.5" />
      <path d="M19.5 17.5L21 19" />
    </svg>
  ),
  cycles: (
    <svg {...common}>
      <path d="M20 12a8 8 0 0 1-14 5.3M4 12a8 8 0 0 1 14-5.3" />
      <path d="M18 3v4h-4M6 21v-4h4" />
    </svg>
  ),
  api: (
    <svg {...common}>
      <path d="M8 6l-5 6 5 6M16 6l5 6-5 6M13.5 4l-3 16" />
    </svg>
  ),
  webhooks: (
    <svg {...common}>
      <path d="M9 17a4 4 0 1 1-3.5-6M15 7a4 4 0 1 1 3.5 6M12 6l-3 6h6l-3 6" />
    </svg>
  ),
  exports: (
    <svg {...common}>
      <path d="M12 4v11M7.5 10.5L12 15l4.5-4.5" />
      <path d="M4 17v3h16v-3" />
    </svg>
  ),
  menu: (
    <svg {...common}>
      <path d="M4 6h16M4 12h16M4 18h16" />
    </svg>
  ),
  close: (
    <svg {...common}>
      <path d="M6 6l12 12M18 6L6 18" />
    </svg>
  ),
  about: (
    <svg {...common}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v6M12 7.5v.5" />
    </svg>
  ),
};

/** Name of an icon in {@link Icons} (nav entries refer to icons by name so they stay plain data). */
export type IconName = keyof typeof Icons;
