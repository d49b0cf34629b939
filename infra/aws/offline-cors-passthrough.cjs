// Preloaded into serverless-offline (node --require) so the emulator does what
// API Gateway HTTP API does when the API has no `cors` block: pass OPTIONS and
// every other request to the Lambda and return its answer unchanged.
//
// serverless-offline 13 instead registers a hapi onPreResponse hook that, for any
// request with an Origin header, adds `access-control-allow-credentials: true`,
// sets `access-control-allow-origin` to the caller's origin when the function set
// none (so an origin CORS_ORIGINS refuses would be allowed), and turns every
// preflight answer into 200. This file skips registering that one hook.
const { realpathSync } = require('node:fs');
const { join } = require('node:path');

const offlineDir = realpathSync(join(__dirname, 'node_modules', 'serverless-offline'));
const hapi = require(require.resolve('@hapi/hapi', { paths: [offlineDir] }));
const createServer = hapi.Server;

function isOfflineCorsHook(event, method) {
  return (
    event === 'onPreResponse' &&
    typeof method === 'function' &&
    String(method).includes('access-control-allow-credentials')
  );
}

function Server(options) {
  const server = createServer(options);
  const ext = server.ext.bind(server);
  server.ext = (event, method, opts) => (isOfflineCorsHook(event, method) ? undefined : ext(event, method, opts));
  return server;
}

hapi.Server = Server;
hapi.server = Server;
