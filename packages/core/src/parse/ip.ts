import { isIPv4, isIPv6 } from 'node:net';

/**
 * Which addresses /parse must never connect to: loopback, private (RFC 1918,
 * 100.64/10, fc00::/7), link-local (169.254/16 with the cloud metadata address,
 * fe80::/10, fd00:ec2::254), unspecified, multicast, reserved and documentation
 * ranges, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64,
 * 6to4), which are judged by the address they embed.
 */

const V4_BLOCKED: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(a: string): number {
  return a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

const V4_RULES = V4_BLOCKED.map(([net, bits, why]) => ({
  base: v4ToInt(net),
  mask: bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0,
  why,
}));

function classifyV4(address: string): string | null {
  const n = v4ToInt(address);
  for (const r of V4_RULES) if ((n & r.mask) >>> 0 === r.base) return r.why;
  return null;
}

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

function embeddedV4(g: number[], from: number): string {
  const hi = g[from] as number;
  const lo = g[from + 1] as number;
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

function classifyV6(address: string): string | null {
  const g = v6Groups(address);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroTo5 = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroTo5 && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified';
  if (zeroTo5 && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  if (zeroTo5 && (g5 === 0xffff || g5 === 0))
    return classifyV4(embeddedV4(g, 6)) ?? (g5 === 0 ? 'reserved (IPv4-compatible)' : null);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return classifyV4(embeddedV4(g, 6));
  if (g0 === 0x2002) return classifyV4(embeddedV4(g, 1));
  if ((g0 & 0xfe00) === 0xfc00) return 'private (unique local)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'reserved (site-local)';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved (discard)';
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
