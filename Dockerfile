# Application image for the proactive engagement engine.
#
# One image serves every app role; the compose file picks the role by command:
#   npm run api        (default)  Express API on $API_PORT
#   npm run worker                Temporal worker
#   npm run migrate               apply kysely migrations to $DATABASE_URL, then exit
#   npm run simulator             loopback dialer/SMS simulator on $SIMULATOR_PORT
#
# The scripts run TypeScript through tsx, and `npm run api` first bundles the API
# with esbuild (it then runs under plain node); both are devDependencies, so dev
# dependencies are installed on purpose (no --omit=dev).
FROM node:20-bookworm-slim

ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

WORKDIR /app
RUN chown node:node /app

# Run as the unprivileged `node` user (uid 1000) that ships with the base image.
USER node

# Dependencies first, so source edits do not invalidate this layer.
COPY --chown=node:node package.json package-lock.json ./
# `npm install` pinned by package-lock.json (`npm ci` refuses a Windows-only optional package of vite that
# the lock cannot list; .ci/run checks that the install leaves the lock file unchanged).
RUN npm install && npm cache clean --force

COPY --chown=node:node . .
# The operator console (console/ -> console/dist), served by the API under /console.
RUN npm run prepare

# Set after the install so that dev dependencies (tsx, esbuild) are still installed.
ENV NODE_ENV=production \
    API_PORT=3000 \
    SIMULATOR_PORT=4010

EXPOSE 3000 4010

CMD ["npm", "run", "api"]
