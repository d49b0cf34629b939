import type { Logger } from '../log.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long it stays open before one probe is let through. */
  openMs: number;
  logger?: Logger;
  now?: () => number;
}

/**
 * A circuit breaker for the shared store: after `failures` failures in a row calls
 * are skipped for `openMs`, then one probe decides. One warning per change between
 * working and not working, never one per request.
 */
export class CircuitBreaker {
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probing = false;
  constructor(private readonly opts: BreakerOptions) {}

  get state(): BreakerState {
    return this.#state;
  }

  /** Whether a call may go to the store now. */
  allow(): boolean {
    if (this.#state === 'closed') return true;
    const now = (this.opts.now ?? Date.now)();
    if (this.#state === 'open' && now - this.#openedAt >= this.opts.openMs) {
      this.#state = 'half-open';
      this.#probing = false;
    }
    if (this.#state === 'half-open' && !this.#probing) {
      this.#probing = true;
      return true;
    }
    return false;
  }

  success(): void {
    this.#failures = 0;
    if (this.#state !== 'closed') {
      this.#state = 'closed';
      this.#probing = false;
      this.opts.logger?.warn('cache store reachable again; shared cache in use', { cache: 'closed' });
    }
  }

  failure(err: unknown): void {
    this.#failures++;
    const now = (this.opts.now ?? Date.now)();
    if (this.#state === 'half-open') {
      this.#state = 'open';
      this.#openedAt = now;
      this.#probing = false;
      return;
    }
    if (this.#state === 'closed' && this.#failures >= this.opts.failures) {
      this.#state = 'open';
      this.#openedAt = now;
      this.opts.logger?.warn('cache store failing; answering without the shared cache', {
        cache: 'open',
        retryInMs: this.opts.openMs,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}
