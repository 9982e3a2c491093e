# syntax=docker/dockerfile:1
# Escalation Desk as a container: the web app is built in the first stage (it needs the dev
# dependencies: Vite, React), the runtime stage installs production dependencies only and runs
# as the unprivileged `node` user. Configure it with the variables in the README's settings table;
# production needs DATABASE_URL, APP_SECRET and an https PUBLIC_URL.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    INBOUND_SMTP_PORT=2525
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY src ./src
COPY --from=build /app/web/dist ./web/dist
# Read-only for the app user: production state lives in PostgreSQL. (With ALLOW_EMBEDDED_DATABASE=true,
# mount a volume writable by `node` and point DATA_DIR at it.)
USER node
EXPOSE 3000 2525
# Alive (not ready): /api/ready is for the load balancer, so a database outage takes the container
# out of rotation instead of restarting it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node directly, not `npm start`: it receives SIGTERM itself and shuts down gracefully, and web/dist
# is already built. It is the Node 24 the project pins (the `node` dependency).
CMD ["node_modules/.bin/node", "--max-semi-space-size=4", "src/main.ts"]
