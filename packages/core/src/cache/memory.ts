/**
 * The memory tier: an LRU map with a time-to-live per entry, bounded both in entries
 * and in bytes (an estimate of what each value holds, `approxBytes`). Lives as long as
 * one warm instance; always present, in front of the shared store when there is one.
 */
export class TtlLru<V> {
  readonly #map = new Map<string, { value: V; expires: number; bytes: number }>();
  #bytes = 0;
  constructor(
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
    readonly maxBytes: number = Number.POSITIVE_INFINITY,
  ) {}

  get(key: string): V | undefined {
    const hit = this.#map.get(key);
    if (!hit) return undefined;
    this.#map.delete(key);
    if (hit.expires <= this.now()) {
      this.#bytes -= hit.bytes;
      return undefined;
    }
    this.#map.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.delete(key);
    if (ttlMs <= 0) return;
    const bytes = approxBytes(value) + key.length * 2 + ENTRY_BYTES;
    // a value larger than the whole budget is not kept (it would push out everything else)
    if (bytes > this.maxBytes) return;
    this.#map.set(key, { value, expires: this.now() + ttlMs, bytes });
    this.#bytes += bytes;
    while (this.#map.size > this.maxEntries || this.#bytes > this.maxBytes) {
      const oldest = this.#map.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const had = this.#map.get(key);
    if (!had) return;
    this.#map.delete(key);
    this.#bytes -= had.bytes;
  }

  get size(): number {
    return this.#map.size;
  }

  /** The estimated bytes held (values, keys and the map's own entries). */
  get bytes(): number {
    return this.#bytes;
  }
}

/** What one map entry and its record cost besides the key and the value. */
const ENTRY_BYTES = 96;
/** What an object, an array or a boxed number costs besides its members. */
const OBJECT_BYTES = 32;
const SLOT_BYTES = 8;

/**
 * An estimate of the heap a value holds: strings at two bytes a character (V8 keeps
 * Latin-1 strings at one, so this errs high), numbers, booleans and null a slot, objects
 * and arrays their header and slots plus their members. One pass over the value, each
 * object counted once.
 */
export function approxBytes(value: unknown): number {
  let total = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') total += 16 + v.length * 2;
    else if (typeof v !== 'object' || v === null) total += SLOT_BYTES;
    else if (!seen.has(v)) {
      seen.add(v);
      if (Array.isArray(v)) {
        total += OBJECT_BYTES + v.length * SLOT_BYTES;
        for (const x of v) stack.push(x);
      } else {
        const entries = Object.entries(v);
        total += OBJECT_BYTES + entries.length * 2 * SLOT_BYTES;
        for (const [k, x] of entries) {
          total += k.length;
          stack.push(x);
        }
      }
    }
  }
  return total;
}
