import type { HttpRequest, HttpResponseInit } from '@azure/functions';

/** Incoming: an Azure Functions v4 HttpRequest as a Web Request. */
export async function toRequest(req: HttpRequest): Promise<Request> {
  const method = req.method.toUpperCase();
  const body = method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(await req.arrayBuffer());
  return new Request(req.url, { method, headers: new Headers(req.headers as unknown as Headers), body });
}

/** Outgoing: a Web Response as an HttpResponseInit. */
export async function fromResponse(response: Response): Promise<HttpResponseInit> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const body = response.body ? new Uint8Array(await response.arrayBuffer()) : undefined;
  return { status: response.status, headers, ...(body ? { body } : {}) };
}
