# Cityscope as a container: the plain Node server (`cityscope serve`) in one bundle.
#   docker build -t cityscope . && docker run -p 8080:8080 cityscope
FROM node:22-slim AS build
WORKDIR /src
RUN npm install --global pnpm@10 --no-fund --no-audit
COPY . .
# only what the command's bundle needs (not the cloud emulators)
RUN pnpm install --frozen-lockfile --filter cityscope-workspace --filter "cityscope..." --filter @cityscope/targets && node scripts/build.mjs cli

FROM node:22-slim
ENV NODE_ENV=production PORT=8080
WORKDIR /app
COPY --from=build /src/packages/cli/dist/ ./
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# serve reads PORT; SIGTERM finishes requests in flight, then exits
CMD ["node", "cityscope.mjs", "serve", "--host", "0.0.0.0"]
