import dnsPromises from 'node:dns/promises';
import { syncBuiltinESMExports } from 'node:module';
import {
  DNS_PRELOAD,
  type FakeWikipedia,
  type StandInDns,
  startFakeWikipedia,
  startStandInDns,
} from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Answers, appliesTo, CASES, RUNTIMES, runCase } from '../src/cases.js';
import { type InProcessRuntime, loadInProcessRuntimes } from '../src/in-process.js';

let fake: FakeWikipedia;
/** Names are looked up here (every name is NXDOMAIN) while this file runs, as the servers over HTTP do. */
let dns: StandInDns;
const systemLookup = dnsPromises.lookup;
let runtimes: InProcessRuntime[] = [];
const answers = new Answers();

beforeAll(async () => {
  fake = await startFakeWikipedia();
  dns = await startStandInDns();
  process.env.CITYSCOPE_STAND_IN_DNS = dns.server;
  await import(DNS_PRELOAD);
  Object.assign(process.env, { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIPEDIA_TIMEOUT_MS: '1000', LOG_LEVEL: 'silent' });
  runtimes = await loadInProcessRuntimes();
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  await fake?.close();
  dnsPromises.lookup = systemLookup;
  syncBuiltinESMExports();
  delete process.env.CITYSCOPE_STAND_IN_DNS;
  await dns?.close();
});

for (const runtime of RUNTIMES) {
  describe(`${runtime} in-process`, () => {
    for (const c of CASES.filter((x) => appliesTo(x, runtime, false))) {
      it(c.name, async () => {
        const rt = runtimes.find((r) => r.name === runtime);
        if (!rt) throw new Error(`runtime ${runtime} did not load`);
        await runCase(c, runtime, (req) => rt.send(req), fake.faults, answers);
      });
    }
  });
}

describe('the stand-in DNS', () => {
  it('was asked for the name that does not exist (no lookup left this machine)', () => {
    expect(dns.asked.map((q) => q.name)).toContain('no-such-name.example.com');
  });
});

describe('every runtime gives the same answer', () => {
  it('apart from platform, request id and retrieval time', () => answers.expectSame());
});
