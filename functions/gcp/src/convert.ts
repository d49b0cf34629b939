import { sendWebResponse, toWebRequest } from '@cityscope/core/platform/node';
import type { Request as ExpressRequest, Response as ExpressResponse } from '@google-cloud/functions-framework';

/**
 * Incoming: the Framework's Express request as a Web Request. The Framework has
 * already parsed the body, so the untouched bytes come from `rawBody`; a media
 * type no parser took is still on the stream.
 */
export function toRequest(req: ExpressRequest): Request {
  return toWebRequest(req, req.rawBody);
}

/** Outgoing: a Web Response written to Express. */
export function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  return sendWebResponse(res, response);
}
