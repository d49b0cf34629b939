/**
 * What the shared tier needs from a store. Every method rejects when the store cannot
 * be reached or does not answer in time; the cache above treats that as a miss.
 */
export interface SharedStore {
  /** The raw values, in key order; undefined where there is none (or it is over the size cap). */
  get(keys: readonly string[]): Promise<(string | undefined)[]>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Takes short locks (SET NX PX): true where this caller got the lock. */
  lock(keys: readonly string[], ttlMs: number): Promise<boolean[]>;
  unlock(keys: readonly string[]): Promise<void>;
  close(): void;
}
