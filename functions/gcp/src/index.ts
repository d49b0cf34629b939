import { createHandler, faasInvocations } from '@cityscope/core';
import { lastForwardedHop } from '@cityscope/core/platform/forwarded';
import { http } from '@google-cloud/functions-framework';
import { sendResponse, toRequest } from './convert.js';
import { instanceAttributes } from './faas.js';
import './json-errors.js';
import { cloudLoggingSink, discoverProjectId, traceOf } from './log.js';

const handle = createHandler({ platform: 'gcp' });
void discoverProjectId();
const invocation = faasInvocations(instanceAttributes(process.env));

/**
 * Google Cloud Functions (2nd gen): `--entry-point=cityscope`, every route at the root path.
 * Log lines carry Cloud Logging's `severity` and the request's trace.
 */
http('cityscope', async (req, res) => {
  // Google's front end appends the caller's address as X-Forwarded-For's last hop
  const clientAddress = lastForwardedHop(req.headers['x-forwarded-for']) ?? req.socket?.remoteAddress;
  const meta = {
    log: cloudLoggingSink(traceOf(req.headers)),
    // the execution id Google's front end sends with each request
    attributes: invocation(req.header('function-execution-id')),
    ...(clientAddress ? { clientAddress } : {}),
  };
  await sendResponse(res, await handle(toRequest(req), meta));
});
