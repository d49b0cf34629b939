import { type FakeWikipedia, startFakeWikipedia } from '@cityscope/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { Answers, appliesTo, CASES, RUNTIMES, runCase } from '../src/cases.js';
import { type InProcessRuntime, loadInProcessRuntimes } from '../src/in-process.js';

let fake: FakeWikipedia;
let runtimes: InProcessRuntime[] = [];
const answers = new Answers();

beforeAll(async () => {
  fake = await startFakeWikipedia();
  Object.assign(process.env, { WIKIPEDIA_BASE_URL: fake.baseUrl, WIKIPEDIA_TIMEOUT_MS: '1000', LOG_LEVEL: 'silent' });
  runtimes = await loadInProcessRuntimes();
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  await fake?.close();
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

describe('every runtime gives the same answer', () => {
  it('apart from platform, request id and retrieval time', () => answers.expectSame());
});
