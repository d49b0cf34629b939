import { createHandler } from '@cityscope/core';
import { http } from '@google-cloud/functions-framework';
import { sendResponse, toRequest } from './convert.js';
import './json-errors.js';

const handle = createHandler({ platform: 'gcp' });

/** Google Cloud Functions (2nd gen): `--entry-point=cityscope`, every route at the root path. */
http('cityscope', async (req, res) => {
  await sendResponse(res, await handle(toRequest(req)));
});
