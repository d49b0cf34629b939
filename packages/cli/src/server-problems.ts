import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '@cityscope/core';
import {
  parserErrorStatus,
  rawProblemResponse,
  type ServerProblemStatus,
  serverProblem,
} from '@cityscope/core/platform/node';

/**
 * What Node's HTTP server would answer on its own (an empty 400 or 417, a closed
 * socket) answered as the API answers every error: an RFC 9457 problem with a request
 * id (`serverProblem`). The hooks: `clientError` (the parser refused the request, or
 * its headers or body came too slowly), `checkExpectation` (an Expect other than
 * 100-continue), `connect` (CONNECT), and `missingHost` for the request handler (an
 * HTTP/1.1 request without Host, which Node refuses itself unless `requireHostHeader`
 * is off).
 */
export function answerServerProblems(server: Server, logger: Logger) {
  const refuse = (status: ServerProblemStatus, reason: string, detail?: string) => {
    const requestId = crypto.randomUUID();
    logger.info('request refused by the HTTP server', { requestId, status, reason });
    return { requestId, detail };
  };
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const status = parserErrorStatus(err.code);
    const { requestId } = refuse(status, err.code ?? err.message);
    socket.end(rawProblemResponse(status, requestId));
  });
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    const { requestId } = refuse(417, `expect: ${String(req.headers.expect).slice(0, 100)}`);
    writeProblem(res, 417, requestId);
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    const { requestId } = refuse(405, 'CONNECT');
    if (socket.writable) socket.end(rawProblemResponse(405, requestId));
    else socket.destroy();
  });
  return {
    /** Answers an HTTP/1.1 request without a Host header with a 400 problem; true when it did. */
    missingHost(req: IncomingMessage, res: ServerResponse): boolean {
      if (req.headers.host !== undefined || req.httpVersion !== '1.1') return false;
      const detail = 'An HTTP/1.1 request needs a Host header (RFC 9112)';
      const { requestId } = refuse(400, 'no Host header', detail);
      writeProblem(res, 400, requestId, detail);
      return true;
    },
  };
}

function writeProblem(res: ServerResponse, status: ServerProblemStatus, requestId: string, detail?: string): void {
  const { headers, body } = serverProblem(status, requestId, detail);
  res.writeHead(status, headers).end(body);
}
