import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliesTo, assertCase, CASES, comparable, type RuntimeName } from '../src/cases.js';
import { type InProcessRuntime, loadInProcessRuntimes } from '../src/in-process.js';

let fake: FakeWikipedia;
let runtimes: InProcessRuntime[] = [];
const answers = new Map<string, Map<RuntimeName, string>>();

beforeAll(async () => {
  fake = await startFakeWikipedia();
  Object.assign(process.env, { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIPEDIA_TIMEOUT_MS: '1000', LOG_LEVEL: 'silent' });
  runtimes = await loadInProcessRuntimes();
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  await fake?.close();
});

for (const runtime of ['node', 'aws', 'gcp', 'azure'] as const) {
  describe(`${runtime} in-process`, () => {
    for (const c of CASES.filter((x) => appliesTo(x, runtime, false))) {
      it(c.name, async () => {
        const rt = runtimes.find((r) => r.name === runtime);
        if (!rt) throw new Error(`runtime ${runtime} did not load`);
        fake.faults.length = 0;
        fake.faults.push(...(c.faults ?? []));
        const ex = await rt.send(c.request);
        assertCase(c, ex, runtime);
        const seen = answers.get(c.name) ?? new Map();
        seen.set(runtime, ex.body);
        answers.set(c.name, seen);
      });
    }
  });
}

describe('every runtime gives the same answer', () => {
  it('apart from platform, request id and retrieval time', () => {
    for (const [name, byRuntime] of answers) {
      const [first, ...rest] = [...byRuntime.entries()];
      if (!first) continue;
      for (const [runtime, body] of rest) {
        expect(comparable(body), `${name}: ${runtime} vs ${first[0]}`).toEqual(comparable(first[1]));
      }
    }
  });
});
