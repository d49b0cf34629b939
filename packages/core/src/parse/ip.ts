import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which addresses /parse must never connect to.
 *
 * Source: IANA's special-purpose address registries, read on 2026-11-27:
 * - https://www.iana.org/assignments/iana-ipv4-special-registry/ (last updated 2024-11)
 * - https://www.iana.org/assignments/iana-ipv6-special-registry/ (last updated 2025)
 * plus the multicast blocks (224.0.0.0/4, ff00::/8) and the deprecated IPv6
 * site-local fec0::/10. Every block whose "Globally Reachable" is False or N/A
 * is refused, and so are whole blocks that only hold anycast services
 * (192.0.0.0/24, 2001::/23): a web page never lives there. Forms that carry an
 * IPv4 address (IPv4-mapped ::ffff:0:0/96, the NAT64 well-known prefix
 * 64:ff9b::/96, 6to4 2002::/16) are judged by the address they carry, since
 * connecting to them reaches that address. ipaddr.js 2.5.0 names the same
 * blocks (docs/decisions.md); this table adds the ones it lacks
 * (100:0:0:1::/64) and judges the embedded forms, which one range name cannot.
 */

type Rule = [prefix: string, bits: number, why: string];

const V4: Rule[] = [
  ['0.0.0.0', 8, 'unspecified'], // RFC 791: "this network"
  ['10.0.0.0', 8, 'private'], // RFC 1918
  ['100.64.0.0', 10, 'private (carrier-grade NAT)'], // RFC 6598
  ['127.0.0.0', 8, 'loopback'], // RFC 1122
  ['169.254.0.0', 16, 'link-local'], // RFC 3927, cloud metadata services
  ['172.16.0.0', 12, 'private'], // RFC 1918
  ['192.0.0.0', 24, 'reserved'], // RFC 6890: IETF protocol assignments (incl. 192.0.0.8/32, DS-Lite 192.0.0.0/29)
  ['192.0.2.0', 24, 'documentation'], // RFC 5737 TEST-NET-1
  ['192.31.196.0', 24, 'reserved (AS112)'], // RFC 7535
  ['192.52.193.0', 24, 'reserved (AMT)'], // RFC 7450
  ['192.88.99.0', 24, 'reserved (6to4 relay anycast)'], // RFC 7526, deprecated
  ['192.168.0.0', 16, 'private'], // RFC 1918
  ['192.175.48.0', 24, 'reserved (AS112)'], // RFC 7534
  ['198.18.0.0', 15, 'reserved (benchmarking)'], // RFC 2544
  ['198.51.100.0', 24, 'documentation'], // RFC 5737 TEST-NET-2
  ['203.0.113.0', 24, 'documentation'], // RFC 5737 TEST-NET-3
  ['224.0.0.0', 4, 'multicast'], // RFC 5771
  ['240.0.0.0', 4, 'reserved'], // RFC 1112, and 255.255.255.255/32 limited broadcast (RFC 919)
];

const V6: Rule[] = [
  ['::', 128, 'unspecified'], // RFC 4291
  ['::1', 128, 'loopback'], // RFC 4291
  ['::ffff:0:0:0', 96, 'reserved (IPv4-translated)'], // RFC 6145 / 7915
  ['64:ff9b:1::', 48, 'private (NAT64 local-use)'], // RFC 8215
  ['100::', 64, 'reserved (discard)'], // RFC 6666
  ['100:0:0:1::', 64, 'reserved (dummy prefix)'], // RFC 9780
  ['2001::', 32, 'reserved (Teredo)'], // RFC 4380
  ['2001:10::', 28, 'reserved (ORCHID)'], // RFC 4843, deprecated
  ['2001:20::', 28, 'reserved (ORCHIDv2)'], // RFC 7343
  ['2001::', 23, 'reserved (IETF protocol assignments)'], // RFC 2928: benchmarking, AMT, AS112, drone tags…
  ['2001:db8::', 32, 'documentation'], // RFC 3849
  ['2620:4f:8000::', 48, 'reserved (AS112)'], // RFC 7534
  ['3fff::', 20, 'documentation'], // RFC 9637
  ['5f00::', 16, 'reserved (segment routing)'], // RFC 9602
  ['fc00::', 7, 'private (unique local)'], // RFC 4193, includes AWS's fd00:ec2::254
  ['fe80::', 10, 'link-local'], // RFC 4291
  ['fec0::', 10, 'reserved (site-local)'], // RFC 3879, deprecated
  ['ff00::', 8, 'multicast'], // RFC 4291
];

function v4ToInt(a: string): number {
  return a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const V4_RULES = V4.map(([net, bits, why]) => ({
  base: v4ToInt(net),
  mask: bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0,
  why,
}));

/** Eight 16-bit groups of an IPv6 address (with any zone id dropped). */
export function v6Groups(address: string): number[] {
  let a = address.replace(/%.*$/, '').toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const n = v4ToInt(dotted[1] as string);
    a = `${a.slice(0, -(dotted[1] as string).length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => Number.parseInt(g, 16));
}

const V6_RULES = V6.map(([net, bits, why]) => ({ groups: v6Groups(net), bits, why }));

function inPrefix(g: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((g[i] as number) & mask) !== ((prefix[i] as number) & mask)) return false;
  }
  return true;
}

function classifyV4(address: string): string | null {
  const n = v4ToInt(address);
  for (const r of V4_RULES) if ((n & r.mask) >>> 0 === r.base) return r.why;
  return null;
}

function embeddedV4(g: number[], from: number): string {
  const hi = g[from] as number;
  const lo = g[from + 1] as number;
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

function classifyV6(address: string): string | null {
  const g = v6Groups(address);
  const [g0, g1, g2, g3, g4, g5] = g;
  // forms that reach an IPv4 address are judged by it
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff) return classifyV4(embeddedV4(g, 6)); // ::ffff:0:0/96 mapped
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyV4(embeddedV4(g, 6)); // 64:ff9b::/96
  if (g0 === 0x2002) return classifyV4(embeddedV4(g, 1)); // 6to4
  for (const r of V6_RULES) if (inPrefix(g, r.groups, r.bits)) return r.why;
  // ::/96 IPv4-compatible (deprecated, RFC 4291): never a page
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return classifyV4(embeddedV4(g, 6)) ?? 'reserved (IPv4-compatible)';
  // the rest of ::/8: "Reserved by IETF" in IANA's IPv6 address space registry (RFC 4291)
  if ((g0 as number) >> 8 === 0) return 'reserved (IETF)';
  return null;
}

/** Why an address must not be fetched, or null when it is a public address. */
export function blockedReason(address: string): string | null {
  if (isIPv4(address)) return classifyV4(address);
  if (isIPv6(address)) return classifyV6(address);
  return 'not an IP address';
}

export function isLoopback(address: string): boolean {
  return blockedReason(address) === 'loopback';
}
