import type { Logger } from './log.js';
import { CONTACT_URL, VERSION } from './version.js';

/** The operator's contact for Wikimedia (WIKIMEDIA_CONTACT), and whether it is the project's fallback. */
export interface Contact {
  value: string;
  fallback: boolean;
}

const EMAIL = /^[^\s@()<>;]+@[^\s@()<>;]+\.[^\s@()<>;]+$/;

/** Reads WIKIMEDIA_CONTACT: an email address or an http(s) URL; unset falls back to the project URL. */
export function readContact(raw: string | undefined): Contact {
  const text = (raw ?? '').trim();
  if (text === '') return { value: CONTACT_URL, fallback: true };
  if (EMAIL.test(text)) return { value: text, fallback: false };
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // not a URL either
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || /[\s()]/.test(text)) {
    throw new Error(`WIKIMEDIA_CONTACT must be an email address or an http(s) URL: ${text}`);
  }
  return { value: text, fallback: false };
}

/**
 * The User-Agent of every outbound request, in the form of Wikimedia's User-Agent policy
 * (https://foundation.wikimedia.org/wiki/Policy:Wikimedia_Foundation_User-Agent_Policy):
 * `<client>/<version> (<contact>) <library>/<version>`.
 */
export function userAgentFor(
  contact: string,
  node: string | null = globalThis.process?.versions?.node ?? null,
): string {
  return `Cityscope/${VERSION} (${contact})${node ? ` Node.js/${node}` : ''}`;
}

export const CONTACT_WARNING =
  'WIKIMEDIA_CONTACT is not set: Wikipedia is told the project URL as the contact. Set it to your email or URL (Wikimedia blocks agents it cannot reach); .env.example shows how';

let warned = false;

/** Warns once per process that the contact is the project's fallback. */
export function warnContactOnce(contact: Contact, warn: (message: string) => void): void {
  if (!contact.fallback || warned) return;
  warned = true;
  warn(CONTACT_WARNING);
}

/** A handler's logger, once it has warned (once per process) when the contact is the fallback. */
export function warnedLogger(contact: Contact, logger: Logger): Logger {
  warnContactOnce(contact, (m) => logger.warn(m));
  return logger;
}
