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
  about: (
    <svg {...common}>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v6M12 7.5v.5" />
    </svg>
  ),
};
