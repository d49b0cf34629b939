import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RespClient } from '../src/cache/resp.js';
import { freePort, NO_REDIS_REASON, REDIS_BIN } from './redis-server.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const HAS_OPENSSL = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
const READY = REDIS_BIN && HAS_OPENSSL;

/** A CA and a certificate for localhost signed by it: a store with a private CA, as Memorystore has. */
function makeCertificates(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  writeFileSync(join(dir, 'san.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Cityscope test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  );
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'server.key', '-out', 'server.csr');
  ssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.cnf',
    '-out',
    'server.pem',
  );
}

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages/cli/src/bin.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', WIKIMEDIA_CONTACT: 'ops@example.org', ...env },
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  return new Promise((r) => proc.on('exit', (code) => r({ code, out, err })));
}

describe.skipIf(!READY)(
  `rediss:// to a store with a private CA${READY ? '' : ` (skipped: ${REDIS_BIN ? 'openssl is not installed' : NO_REDIS_REASON})`}`,
  () => {
    let dir: string;
    let proc: ChildProcess;
    let port: number;
    let fake: FakeWikipedia;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'cityscope-tls-'));
      makeCertificates(dir);
      port = await freePort();
      proc = spawn(
        REDIS_BIN as string,
        [
          ...['--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
          ...['--dir', dir, '--tls-cert-file', join(dir, 'server.pem'), '--tls-key-file', join(dir, 'server.key')],
          ...['--tls-ca-cert-file', join(dir, 'ca.pem'), '--tls-auth-clients', 'no'],
        ],
        { stdio: 'ignore' },
      );
      const ca = readFileSync(join(dir, 'ca.pem'));
      const until = Date.now() + 10_000;
      for (;;) {
        const c = new RespClient(
          { url: `rediss://localhost:${port}`, timeoutMs: 500, maxBulkBytes: 1 << 20 },
          { connectTls: (o: tls.ConnectionOptions) => tls.connect({ ...o, ca }) },
        );
        const pong = await c.command(['PING']).catch(() => null);
        c.close();
        if (pong === 'PONG') break;
        if (Date.now() > until) throw new Error('redis-server with TLS did not start');
        await new Promise((r) => setTimeout(r, 50));
      }
      fake = await startFakeWikipedia();
    }, 30_000);
    afterAll(async () => {
      proc?.kill('SIGKILL');
      await fake?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('with NODE_EXTRA_CA_CERTS the store is used; without, the certificate is refused and answers still come', async () => {
      const env = { WIKIPEDIA_BASE_URL: fake.baseUrl, CACHE_URL: `rediss://localhost:${port}` };
      const upstream = () => fake.requests.filter((r) => r.path === '/w/api.php').length;
      const trusted = { ...env, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') };
      const first = await cli(['city', 'Toronto', '--json'], trusted);
      expect(first.code, first.err).toBe(0);
      expect(JSON.parse(first.out).title).toBe('Toronto');
      expect(first.err).toBe('');
      const asked = upstream();
      const second = await cli(['city', 'Toronto', '--json'], trusted);
      expect(second.code, second.err).toBe(0);
      expect(upstream()).toBe(asked); // from the store, over TLS

      // Toronto is in the store, but an unverified certificate is no store at all
      const untrusted = await cli(['city', 'Toronto', '--json'], env);
      expect(untrusted.code, untrusted.err).toBe(0);
      expect(JSON.parse(untrusted.out).title).toBe('Toronto');
      expect(upstream()).toBe(asked + 1);
    }, 60_000);
  },
);
