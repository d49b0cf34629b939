/**
 * Cooperative time slicing for every long step (tokenizing, keyphrases, sentiment, the
 * summary, the HTML tree builder and readable text, the Wikidata check), so no request
 * holds the event loop for long: a step calls the function `slicer()` returns at
 * convenient points, and it yields (setImmediate) once SLICE_MS have passed since
 * the event loop last had a turn. It returns undefined when no yield is due, so a
 * hot loop pays no promise: `const p = tick(); if (p) await p;`.
 *
 * The budget is one for the whole process, not one per step: /analyze runs
 * keyphrases, sentiment and summary side by side, and with a clock each they
 * resumed one after the other from the same turn, each spending its own SLICE_MS
 * (three steps held the loop for three slices). Every step that is due waits for
 * the same turn, and the clock restarts when that turn comes, so the steps (of one
 * request or of several) share SLICE_MS between two turns of the event loop.
 */
export const SLICE_MS = 8;

/** When the event loop last had a turn (as far as the slicers know). */
let since = performance.now();
/** The turn every step that is due waits for; one setImmediate for all of them. */
let turn: Promise<void> | undefined;

/** A promise for the event loop's next turn, shared by every step waiting for it. */
export function nextTurn(): Promise<void> {
  turn ??= new Promise<void>((resolve) =>
    setImmediate(() => {
      turn = undefined;
      since = performance.now();
      resolve();
    }),
  );
  return turn;
}

/** Whether SLICE_MS have passed since the event loop last had a turn. */
export function sliceDue(): boolean {
  return performance.now() - since >= SLICE_MS;
}

export interface SlicerOptions {
  /** Checked after each turn: an aborted request stops its step there. */
  signal?: AbortSignal;
  /** Looks at the clock every this many calls (a hot loop of tiny steps); 1 by default. */
  every?: number;
}

/** The one slicer: `const tick = slicer(); … const due = tick(); if (due) await due;`. */
export function slicer(options: SlicerOptions = {}): () => Promise<void> | undefined {
  const { signal, every = 1 } = options;
  let n = 0;
  return () => {
    if ((every > 1 && ++n % every !== 0) || !sliceDue()) return undefined;
    return signal ? nextTurn().then(() => signal.throwIfAborted()) : nextTurn();
  };
}
