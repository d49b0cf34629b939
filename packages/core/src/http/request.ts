import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors.js';
import { readCapped } from '../util/read-capped.js';

export const MAX_BODY_BYTES = 1024 * 1024;
const SAFE_ID = /^[A-Za-z0-9._:@+=/-]{1,128}$/;

/** The caller's x-request-id when it is at most 128 safe characters, else the platform's id, else a new one. */
export function requestIdOf(request: Request, platformId?: string): string {
  const given = request.headers.get('x-request-id')?.trim();
  if (given && SAFE_ID.test(given)) return given;
  // else the platform's id for the invocation (Lambda's, Azure's), so logs and answer agree with the platform's
  return platformId && SAFE_ID.test(platformId) ? platformId : crypto.randomUUID();
}

/** Characters left as they are in a canonical path segment (RFC 3986 pchar, minus "%"). */
const PCHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;

/** One path segment, percent-encoded the same way whatever the platform handed over. */
export function encodeSegment(decoded: string): string {
  let out = '';
  for (const ch of decoded) out += PCHAR.test(ch) ? ch : encodeURIComponent(ch);
  return out;
}

/** The decoded segments of a request path; a trailing slash is ignored ("/health/" is "/health"). */
export function pathSegments(pathname: string): string[] {
  return decodePath(pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname);
}

/** Decodes each segment of a path; a malformed escape is the caller's mistake. */
export function decodePath(pathname: string): string[] {
  return pathname
    .split('/')
    .slice(1)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new ValidationError([{ path: 'path', message: `Malformed percent-encoding in "${s.slice(0, 50)}"` }]);
      }
    });
}

function isJson(contentType: string | null): boolean {
  if (!contentType) return false;
  const media = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);
}

/** Reads a JSON body within MAX_BODY_BYTES: 413 past it, 415 for other media types, 400 when unreadable. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const tooLarge = () => new PayloadTooLargeError(`The request body is over ${MAX_BODY_BYTES} bytes`);
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  if (!isJson(request.headers.get('content-type'))) {
    throw new UnsupportedMediaTypeError('The request body must be application/json');
  }
  const text = new TextDecoder().decode(await readCapped(request, MAX_BODY_BYTES, tooLarge));
  if (text.trim() === '') throw new ValidationError([{ path: 'body', message: 'A JSON body is required' }]);
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ path: 'body', message: 'The body is not valid JSON' }]);
  }
}
