// Preloaded into serverless-offline (node --require) so the emulator does what
// API Gateway HTTP API does when the API has no `cors` block: pass OPTIONS and
// every other request to the Lambda and return its answer unchanged.
//
// serverless-offline 13 instead registers a hapi onPreResponse hook that, for any
// request with an Origin header, adds `access-control-allow-credentials: true`,
// sets `access-control-allow-origin` to the caller's origin when the function set
// none (so an origin CORS_ORIGINS refuses would be allowed), and turns every
// preflight answer into 200. This file skips registering that one hook.
//
// It also keeps the query string raw: API Gateway hands the Lambda the query as the
// client sent it (`rawQueryString`), but serverless-offline re-serialises it through
// URLSearchParams, which turns a literal comma into %2C, so a list such as
// `cities=Dublin,Washington%2C%20D.C.` could no longer be split at its literal commas.
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

/** The request's query string re-serialised as it came, as API Gateway's rawQueryString is. */
function keepRawQuery(request, h) {
  const url = request.url;
  if (url?.search) {
    const raw = url.search.slice(1);
    Object.defineProperty(url.searchParams, 'toString', { value: () => raw });
  }
  return h.continue;
}

function Server(options) {
  const server = createServer(options);
  server.ext('onRequest', keepRawQuery);
  const ext = server.ext.bind(server);
  server.ext = (event, method, opts) => (isOfflineCorsHook(event, method) ? undefined : ext(event, method, opts));
  return server;
}

hapi.Server = Server;
hapi.server = Server;
