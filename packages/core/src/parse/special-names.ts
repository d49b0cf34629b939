/**
 * Host names /parse refuses before any DNS lookup: names that by standard never lead
 * to a page on the public internet, whatever a resolver answers for them.
 *
 * Source: IANA's Special-Use Domain Names registry
 * (https://www.iana.org/assignments/special-use-domain-names/, as of 2026-11), ICANN's
 * reservation of `.internal` for private use (2024), and RFC 6762 Appendix G. Refused:
 * - `localhost` (RFC 6761 §6.3), `invalid` (RFC 6761 §6.4), `test` (RFC 6761 §6.2):
 *   never public;
 * - `local` (RFC 6762, multicast DNS), `onion` (RFC 7686), `alt` (RFC 9476): not DNS
 *   at all, or only on the local link;
 * - `internal` (ICANN, for private networks; cloud metadata is `metadata.google.internal`);
 * - `arpa` and all under it: reverse zones (`in-addr.arpa`, `ip6.arpa`, RFC 6761 §6.1),
 *   `home.arpa` (RFC 8375), `ipv4only.arpa` (RFC 8880), `resolver.arpa` (RFC 9462),
 *   `service.arpa` (RFC 9665): infrastructure and home networks, never a web page;
 * - the private top-level names RFC 6762 Appendix G lists (`intranet`, `private`,
 *   `corp`, `home`, `lan`);
 * - a name of one label (`http://metadata/`): a resolver completes it with its search
 *   domains, so it names a host of the local network.
 * Not refused: `example`, `example.com`, `.net`, `.org` (RFC 6761 §6.5), which resolve
 * to public addresses; the address check after DNS still applies to every name.
 */
const REFUSED_TLDS = new Map<string, string>([
  ['localhost', 'the local host (RFC 6761)'],
  ['invalid', 'an invalid name (RFC 6761)'],
  ['test', 'a testing name (RFC 6761)'],
  ['local', 'a multicast DNS name (RFC 6762)'],
  ['onion', 'an onion service name (RFC 7686)'],
  ['alt', 'a non-DNS name (RFC 9476)'],
  ['internal', 'a private-use name'],
  ['arpa', 'an infrastructure name (.arpa)'],
  ['intranet', 'a private name (RFC 6762)'],
  ['private', 'a private name (RFC 6762)'],
  ['corp', 'a private name (RFC 6762)'],
  ['home', 'a private name (RFC 6762)'],
  ['lan', 'a private name (RFC 6762)'],
]);

/**
 * Why a host name is never fetched, or null. `host` is a URL's hostname (the WHATWG
 * parser has lower-cased it and turned IDNs into punycode); one trailing dot (the
 * fully qualified form, `LOCALHOST.`) is the same name. Letter case is ignored.
 */
export function specialUseReason(host: string): string | null {
  const name = host.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  if (name === '' || labels.some((l) => l === '')) return 'an empty label';
  if (labels.length === 1 && !REFUSED_TLDS.has(name)) return 'a name of one label (a local host)';
  return REFUSED_TLDS.get(labels[labels.length - 1] as string) ?? null;
}
