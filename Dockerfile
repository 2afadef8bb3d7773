# customer-view, the production runtime: `customer-view processors`, `customer-view api` and the
# operators' commands, compiled to JavaScript and run by plain Node. No local stack, no tsx, no dev
# dependencies; runs as the unprivileged `node` user. docker-compose.yml runs it twice (processors, api).
#
#   docker build -t customer-state-view .
#   docker run --rm customer-state-view processors --help
#
# Node 22 LTS: Node 20 is past its end of life, and some dependencies already ask for >= 22.15.
ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Compile src/ to dist/ (TypeScript is a dev dependency).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 2. Production dependencies only.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The runtime: dist/, production node_modules and the files the code reads at run time
#    (code maps, the status event's Avro schema, allow-listed operations, connector definitions,
#    the support console's page).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY mappings ./mappings
COPY schemas ./schemas
COPY docs/queries ./docs/queries
COPY connectors ./connectors
COPY web ./web
USER node
# bin/customer-view.js runs dist/ when there is no src/ (docs/design.md, "The production runtime").
ENTRYPOINT ["node", "bin/customer-view.js"]
CMD ["--help"]
