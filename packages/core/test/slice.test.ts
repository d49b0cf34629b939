/** The NLP and HTML steps share one slice of the event loop between its turns (util/slice.ts). */
import { describe, expect, it } from 'vitest';
import { nextTurn, SLICE_MS, sliceDue, slicer } from '../src/util/slice.js';

const spend = (ms: number) => {
  const t = performance.now();
  while (performance.now() - t < ms) {
    // busy, as a step's work is
  }
};

describe('the shared slice', () => {
  it('restarts when the event loop has had a turn', async () => {
    await nextTurn();
    expect(sliceDue()).toBe(false);
    expect(slicer()()).toBeUndefined();
  });

  it('is spent for every step once one step has used it, and all wait for the same turn', async () => {
    const a = slicer();
    const b = slicer();
    await nextTurn();
    spend(SLICE_MS + 1);
    const turnA = a();
    const turnB = b();
    expect(turnA).toBeInstanceOf(Promise);
    // before, b kept a clock of its own and would have gone on for another slice here
    expect(turnB).toBe(turnA);
    await turnA;
    expect(a()).toBeUndefined();
  });

  it('lets steps running side by side resume from one turn without each spending a slice', async () => {
    const resumedDue: boolean[] = [];
    const step = async (work: number) => {
      const tick = slicer();
      for (let i = 0; i < 3; i++) {
        const turn = tick() ?? nextTurn();
        await turn;
        resumedDue.push(sliceDue());
        spend(work);
      }
    };
    await Promise.all([step(SLICE_MS + 1), step(0)]);
    // the second step resumes after the first has spent the slice of the same turn: it finds it spent
    expect(resumedDue.filter((due) => due).length).toBeGreaterThanOrEqual(2);
  });

  it('looks at the clock every n calls when asked, and stops an aborted step at its turn', async () => {
    await nextTurn();
    spend(SLICE_MS + 1);
    const every3 = slicer({ every: 3 });
    expect(every3()).toBeUndefined();
    expect(every3()).toBeUndefined();
    expect(every3()).toBeInstanceOf(Promise);
    const stop = new AbortController();
    stop.abort();
    spend(SLICE_MS + 1);
    await expect(slicer({ signal: stop.signal })()).rejects.toThrow();
  });
});
