import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { FetchLike } from '../util/upstream.js';
import type { Gate } from './gate.js';
import { authRequired } from './settings.js';

/**
 * The handler's access gate, imported on the first request that needs it; null when no
 * access setting (API_KEYS, AUTH_*, RATE_LIMIT) is set, so that a handler without them
 * loads nothing of it and its cold start does not move.
 */
export function lazyGate(config: Config, logger: Logger, fetch?: FetchLike): (() => Promise<Gate>) | null {
  if (!authRequired(config.access) && !config.access.rateLimit) return null;
  let gate: Promise<Gate> | undefined;
  return () => (gate ??= import('./gate.js').then((m) => m.createGate(config, logger, fetch)));
}
