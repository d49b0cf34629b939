import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './repo.js';

/** Runs `pnpm start` (scripts/start.ts) to its end; it never starts an emulator in these tests. */
function start(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return startWith({}, ...args);
}

function startWith(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/start.ts'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

/** `pnpm start --no-build` with the three emulators' ports, then `extra`. */
function startOn(aws: number, gcp: number, azure: number, ...extra: string[]) {
  return start(
    '--no-build',
    '--aws-port',
    String(aws),
    '--gcp-port',
    String(gcp),
    '--azure-port',
    String(azure),
    ...extra,
  );
}

/** A port something listens on (loopback only, as a forgotten dev server would). */
let taken: Server;
let busy = 0;
/** Ports nothing listens on right now. */
const free: number[] = [];

beforeAll(async () => {
  taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  busy = (taken.address() as { port: number }).port;
  for (let i = 0; i < 3; i++) {
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '0.0.0.0', r));
    free.push((s.address() as { port: number }).port);
    await new Promise<void>((r) => s.close(() => r()));
  }
});
afterAll(() => new Promise<void>((r) => taken.close(() => r())));

describe('pnpm start', () => {
  it('--help lists every option and starts nothing', async () => {
    const r = await start('--help');
    expect(r.code).toBe(0);
    for (const option of ['--aws-port', '--gcp-port', '--azure-port', '--wikipedia-port', '--no-build', '--offline'])
      expect(r.out).toContain(option);
    expect(r.out).not.toContain('Cityscope is running');
    expect(r.err).toBe('');
  });

  it('names a taken port and the option that moves it, exits non-zero and never claims to run', async () => {
    const [gcp, azure] = free as [number, number];
    const r = await startOn(busy, gcp, azure);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`port ${busy} is already in use`);
    expect(r.err).toContain('--aws-port <port>');
    expect(r.out).not.toContain('Cityscope is running');
    expect(r.out).not.toContain('Building');
  });

  it('checks the ports an emulator uses besides its own (serverless-offline: port + 2)', async () => {
    const [gcp, azure] = free as [number, number];
    const r = await startOn(busy - 2, gcp, azure);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`port ${busy} is already in use`);
    expect(r.err).toContain('--aws-port');
  });

  it('checks the stand-in port with --offline, and refuses one port for two emulators', async () => {
    const [aws, gcp] = free as [number, number];
    const offline = await startOn(aws, gcp, free[2] as number, '--offline', '--wikipedia-port', String(busy));
    expect(offline.code).toBe(1);
    expect(offline.err).toContain('--wikipedia-port');
    const shared = await startOn(aws, gcp, gcp);
    expect(shared.code).toBe(1);
    expect(shared.err).toContain(`port ${gcp} is given to both`);
  });

  it('stops at a bad setting before starting anything (exit 78)', async () => {
    const r = await startWith({ LOG_LEVEL: 'verbose' }, '--no-build');
    expect(r.code).toBe(78);
    expect(r.err).toContain('LOG_LEVEL must be one of debug, info, warn, error, silent: verbose');
    expect(r.out).not.toContain('Cityscope is running');
  });

  it('explains a usage mistake with the options (exit 64)', async () => {
    const unknown = await start('--bogus');
    expect(unknown.code).toBe(64);
    expect(unknown.err).toContain("Unknown option '--bogus'");
    expect(unknown.err).toContain('--aws-port <port>');
    const bad = await start('--gcp-port', 'eighty');
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('--gcp-port must be a port number');
  });
});
