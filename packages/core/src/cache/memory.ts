/**
 * The memory tier: a small LRU map with a time-to-live per entry. Lives as long as one
 * warm instance; always present, in front of the shared store when there is one.
 */
export class TtlLru<V> {
  readonly #map = new Map<string, { value: V; expires: number }>();
  constructor(
    readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const hit = this.#map.get(key);
    if (!hit) return undefined;
    this.#map.delete(key);
    if (hit.expires <= this.now()) return undefined;
    this.#map.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.#map.delete(key);
    if (ttlMs <= 0) return;
    this.#map.set(key, { value, expires: this.now() + ttlMs });
    while (this.#map.size > this.maxEntries) {
      const oldest = this.#map.keys().next().value;
      if (oldest === undefined) break;
      this.#map.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#map.delete(key);
  }

  get size(): number {
    return this.#map.size;
  }
}
