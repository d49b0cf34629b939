import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serve } from '../src/serve.js';

/**
 * `cityscope serve` with PROMETHEUS_METRICS=on, scraped by a real Prometheus (Debian's
 * `prometheus` package, or PROMETHEUS_PATH) on loopback; the series are read back
 * through Prometheus' HTTP API.
 */
const PROMETHEUS = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
const missing = !existsSync(PROMETHEUS);
if (missing)
  console.warn(`skipped: no Prometheus at ${PROMETHEUS} (apt-get install prometheus, or set PROMETHEUS_PATH)`);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let fake: FakeWikipedia;
let server: RunningServer;
let prometheus: ChildProcess | undefined;
let dir = '';
let api = '';

beforeAll(async () => {
  if (missing) return;
  fake = await startFakeWikipedia();
  server = await serve({
    port: 0,
    host: '127.0.0.1',
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl, LOG_LEVEL: 'silent', PROMETHEUS_METRICS: 'on' },
    graceMs: 100,
  });
  dir = mkdtempSync(join(tmpdir(), 'cityscope-prometheus-'));
  const target = new URL(server.url).host;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: cityscope\n    static_configs:\n      - targets: ['${target}']\n`,
  );
  const port = await freePort();
  api = `http://127.0.0.1:${port}`;
  prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
}, 30_000);

afterAll(async () => {
  prometheus?.kill('SIGTERM');
  await server?.close();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Asks Prometheus for `query` every 250 ms until it has a series, for at most 20 s. */
async function series(query: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    try {
      const res = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(query)}`);
      const body = (await res.json()) as { data?: { result?: [] } };
      if (body.data?.result?.length) return body.data.result;
    } catch {
      // Prometheus is still starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return [];
}

describe.skipIf(missing)('GET /metrics scraped by Prometheus', () => {
  it('serves the text format, and Prometheus reads the request series back', async () => {
    expect((await fetch(`${server.url}/cities/Toronto`)).status).toBe(200);
    const page = await fetch(`${server.url}/metrics`);
    expect(page.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await page.text()).toMatch(/^http_server_request_duration_seconds_bucket\{/m);
    const found = await series('http_server_request_duration_seconds_count{http_route="/cities/{name}"}');
    expect(found[0]?.metric).toMatchObject({
      job: 'cityscope',
      http_request_method: 'GET',
      http_response_status_code: '200',
    });
    expect(Number(found[0]?.value[1])).toBeGreaterThanOrEqual(1);
    const client = await series('http_client_request_duration_seconds_count');
    expect(client.length).toBeGreaterThan(0);
  }, 40_000);
});

describe('GET /metrics without PROMETHEUS_METRICS', () => {
  it('is not found', async () => {
    const off = await serve({ port: 0, host: '127.0.0.1', env: { LOG_LEVEL: 'silent' }, graceMs: 100 });
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
