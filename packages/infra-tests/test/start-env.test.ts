import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './repo.js';

// `pnpm start` reads .env from the folder it runs in, and the real environment wins over it.
let dir: string;
let taken: Server;
let busy = 0;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cityscope-start-env-'));
  writeFileSync(join(dir, '.env'), 'LOG_LEVEL=verbose\n');
  taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  busy = (taken.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((r) => taken.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

function startIn(cwd: string, env: Record<string, string>, ...args: string[]) {
  const { LOG_LEVEL: _drop, ...rest } = process.env;
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/start.ts'), ...args], {
    cwd,
    env: { ...rest, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return finished(child);
}

describe('pnpm start and .env', () => {
  it("reads the working folder's .env: a bad value there stops it before anything starts (78)", async () => {
    const r = await startIn(dir, {}, '--no-build');
    expect(r.code).toBe(78);
    expect(r.err).toContain('LOG_LEVEL must be one of debug, info, warn, error, silent: verbose');
  }, 60_000);

  it('lets the real environment win over .env', async () => {
    // settings pass (the environment's LOG_LEVEL), then the taken port stops it: nothing starts
    const r = await startIn(dir, { LOG_LEVEL: 'warn' }, '--no-build', '--aws-port', String(busy));
    expect(r.err).not.toContain('LOG_LEVEL');
    expect(r.err).toContain(`port ${busy} is already in use`);
    expect(r.code).toBe(1);
  }, 60_000);
});
