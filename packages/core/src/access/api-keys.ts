import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry } from './settings.js';

/** Longest presented key considered; anything longer is invalid without hashing it. */
const MAX_KEY_CHARS = 512;

/**
 * The name of the API_KEYS entry a presented key matches, or null. The key is hashed
 * (SHA-256 of its UTF-8 bytes) and compared with every entry in constant time: the
 * time taken does not say which entry, or how much of one, matched.
 */
export function matchApiKey(presented: string, entries: readonly ApiKeyEntry[]): string | null {
  if (presented.length === 0 || presented.length > MAX_KEY_CHARS) return null;
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let found: string | null = null;
  for (const e of entries) {
    // every entry is compared, whether or not one matched already
    if (timingSafeEqual(digest, e.sha256) && found === null) found = e.name;
  }
  return found;
}

/** A fresh key (256 random bits, base64url) and its API_KEYS entry. */
export function newApiKey(name: string): { key: string; entry: string } {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    throw new Error('a key name is 1–64 letters, digits, dots, underscores or hyphens');
  }
  const key = `csk_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;
  return { key, entry: `${name}:${createHash('sha256').update(key, 'utf8').digest('hex')}` };
}
