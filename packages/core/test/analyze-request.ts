import { createHandler } from '../src/index.js';

const handle = createHandler({ platform: 'node', env: { LOG_LEVEL: 'silent' } });

/** POST /analyze in-process with the given body fields. */
export const analyze = (body: { text: string; keywords?: number; sentences?: number }) =>
  handle(
    new Request('http://localhost/analyze', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );
