/**
 * Cooperative time slicing for the NLP steps, so a 100,000-character text never
 * holds the event loop for long: a step calls the function `slicer()` returns at
 * convenient points, and it yields (setImmediate) once SLICE_MS have passed since
 * the last yield. It returns undefined when no yield is due, so a hot loop pays no
 * promise: `const p = tick(); if (p) await p;`.
 */
export const SLICE_MS = 8;

export function slicer(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < SLICE_MS) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
