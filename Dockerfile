# Buurtjury: one image with the API, socket.io and the built app, on the embedded sqlite database.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY backend/package.json backend/
COPY frontend/package.json frontend/
RUN npm install --no-audit --no-fund
COPY shared shared
COPY backend backend
COPY frontend frontend
COPY scripts scripts
RUN node scripts/build-if-needed.js && npm prune --omit=dev --workspaces --include-workspace-root

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_PATH=/data/buurtjury.sqlite
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
EXPOSE 3000
USER node
# The flags are scripts/server-node-flags.js's (test/e2e/deploy.e2e.ts checks that they agree).
CMD ["node", "--max-semi-space-size=64", "backend/dist/main.js"]
