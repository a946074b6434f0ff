# syntax=docker/dockerfile:1
# slowfast: built with dev dependencies, run with production ones only, as a non-root user.
# The steps match what CI runs (.ci/run): npm ci, then tsc over tsconfig.build.json into dist/.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles its native module from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The lock file alone first, so editing the code does not invalidate the dependency layer.
COPY package.json package-lock.json ./
# npm ci runs the `prepare` build script; with no src/ yet it skips, and `npm run build` below builds.
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HTTP_PORT=8080 \
    HTTP_HOST=0.0.0.0
WORKDIR /app
# Same base image as the build stage: the compiled better-sqlite3 module matches its glibc.
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
# The fonts: the picture's (resvg loads no system fonts) and the pages' Chinese fallback, with their licence.
COPY assets ./assets
# The roadmap is baked in; mount another folder and set SLOWFAST_LESSONS_DIR to replace it.
COPY lessons ./lessons
# Code and lessons stay root-owned (read-only to the bot); only data/ is the bot's to write.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME /app/data
EXPOSE 8080
# Healthy when the store answers and every platform is connected (see GET /healthz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1: main.ts handles SIGTERM and SIGINT, closing everything within 10 s.
# A chat bot spends its life idle: a small young generation costs little speed and keeps about
# 30 MB less resident (npm start and the benchmark use the same flag).
CMD ["node", "--max-semi-space-size=4", "dist/main.js"]
