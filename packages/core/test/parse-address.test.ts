import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { json } from '@cityscope/testing';
import ipaddr from 'ipaddr.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/index.js';
import { blockedReason } from '../src/parse/ip.js';

// Every block the issue lists, plus the rest of IANA's special-purpose registries:
// [block, an address at its start, one at its end, the reason given].
const BLOCKS: Array<[string, string, string, string]> = [
  ['0.0.0.0/8', '0.0.0.1', '0.255.255.255', 'unspecified'],
  ['10.0.0.0/8', '10.0.0.0', '10.255.255.255', 'private'],
  ['100.64.0.0/10', '100.64.0.0', '100.127.255.255', 'private (carrier-grade NAT)'],
  ['127.0.0.0/8', '127.0.0.1', '127.255.255.255', 'loopback'],
  ['169.254.0.0/16', '169.254.0.0', '169.254.255.255', 'link-local'],
  ['172.16.0.0/12', '172.16.0.0', '172.31.255.255', 'private'],
  ['192.0.0.0/24', '192.0.0.0', '192.0.0.255', 'reserved'],
  ['192.0.2.0/24', '192.0.2.0', '192.0.2.255', 'documentation'],
  ['192.31.196.0/24', '192.31.196.0', '192.31.196.255', 'reserved (AS112)'],
  ['192.52.193.0/24', '192.52.193.0', '192.52.193.255', 'reserved (AMT)'],
  ['192.88.99.0/24', '192.88.99.0', '192.88.99.255', 'reserved (6to4 relay anycast)'],
  ['192.168.0.0/16', '192.168.0.0', '192.168.255.255', 'private'],
  ['192.175.48.0/24', '192.175.48.0', '192.175.48.255', 'reserved (AS112)'],
  ['198.18.0.0/15', '198.18.0.0', '198.19.255.255', 'reserved (benchmarking)'],
  ['198.51.100.0/24', '198.51.100.0', '198.51.100.255', 'documentation'],
  ['203.0.113.0/24', '203.0.113.0', '203.0.113.255', 'documentation'],
  ['224.0.0.0/4', '224.0.0.0', '239.255.255.255', 'multicast'],
  ['240.0.0.0/4', '240.0.0.0', '255.255.255.255', 'reserved'],
  ['::/128', '::', '::', 'unspecified'],
  ['::1/128', '::1', '::1', 'loopback'],
  ['::ffff:0:0:0/96', '::ffff:0:0:0', '::ffff:0:ffff:ffff', 'reserved (IPv4-translated)'],
  ['64:ff9b:1::/48', '64:ff9b:1::', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff', 'private (NAT64 local-use)'],
  ['100::/64', '100::', '100::ffff:ffff:ffff:ffff', 'reserved (discard)'],
  ['100:0:0:1::/64', '100:0:0:1::', '100:0:0:1:ffff:ffff:ffff:ffff', 'reserved (dummy prefix)'],
  ['2001::/32 Teredo', '2001::', '2001:0:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (Teredo)'],
  ['2001:10::/28', '2001:10::', '2001:1f:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (ORCHID)'],
  ['2001:20::/28', '2001:20::', '2001:2f:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (ORCHIDv2)'],
  ['2001::/23', '2001:1::1', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (IETF protocol assignments)'],
  ['2001:db8::/32', '2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'documentation'],
  ['2620:4f:8000::/48', '2620:4f:8000::', '2620:4f:8000:ffff:ffff:ffff:ffff:ffff', 'reserved (AS112)'],
  ['3fff::/20', '3fff::', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff', 'documentation'],
  ['5f00::/16', '5f00::', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (segment routing)'],
  ['fc00::/7', 'fc00::', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'private (unique local)'],
  ['fe80::/10', 'fe80::', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'link-local'],
  ['fec0::/10', 'fec0::', 'feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (site-local)'],
  ['ff00::/8', 'ff00::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'multicast'],
];

// Addresses that carry an IPv4 address are judged by it.
const EMBEDDED: Array<[string, string | null]> = [
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:192.88.99.1', 'reserved (6to4 relay anycast)'],
  ['::ffff:8.8.8.8', null],
  ['64:ff9b::a00:1', 'private'],
  ['64:ff9b::c000:201', 'documentation'],
  ['64:ff9b::808:808', null],
  ['2002:c000:0201::1', 'documentation'],
  ['2002:0808:0808::1', null],
  ['::10.0.0.1', 'private'],
  ['::8.8.8.8', 'reserved (IPv4-compatible)'],
];

// Just outside the blocks: public.
const PUBLIC = [
  '1.1.1.1',
  '8.8.8.8',
  '100.63.255.255',
  '100.128.0.0',
  '172.15.255.255',
  '172.32.0.0',
  '192.0.1.255',
  '192.0.3.0',
  '192.88.98.255',
  '192.88.100.0',
  '198.17.255.255',
  '198.20.0.0',
  '198.51.99.255',
  '198.51.101.0',
  '203.0.112.255',
  '203.0.114.0',
  '223.255.255.255',
  '100:0:0:2::', // just past 100:0:0:1::/64 (and outside ::/8)
  '2001:200::1',
  '2001:db7:ffff::1',
  '2001:db9::1',
  '2606:4700:4700::1111',
  '3fff:1000::1',
  '5eff:ffff::1',
  '5f01::1',
];

describe('the address table (IANA special-purpose registries)', () => {
  it.each(BLOCKS)('%s is refused from its first to its last address', (_block, first, last, why) => {
    expect(blockedReason(first)).toBe(why);
    expect(blockedReason(last)).toBe(why);
  });
  it.each(EMBEDDED)('%s is judged by the IPv4 address it carries', (address, why) => {
    expect(blockedReason(address)).toBe(why);
  });
  it.each(PUBLIC)('%s is public', (address) => {
    expect(blockedReason(address)).toBeNull();
  });
});

// A well-kept list to check the table against: every special range ipaddr.js 2.5.0 names
// (IANA's registries, RFC by RFC) is refused at its first and its last address.
describe('the table covers every special range of ipaddr.js', () => {
  const bounds = (range: [ipaddr.IPv4 | ipaddr.IPv6, number]) => {
    const [net, bits] = range;
    const bytes = net.toByteArray();
    const first = bytes.map((b, i) => (i * 8 >= bits ? 0 : i * 8 + 8 <= bits ? b : b & (0xff << (8 - (bits - i * 8)))));
    const last = bytes.map((b, i) => (i * 8 >= bits ? 255 : i * 8 + 8 <= bits ? b : b | (0xff >> (bits - i * 8))));
    return [ipaddr.fromByteArray(first).toString(), ipaddr.fromByteArray(last).toString()];
  };
  // the tables behind range(), not in the published types
  type WithRanges = { SpecialRanges: Record<string, unknown> };
  const tables = [ipaddr.IPv4.prototype, ipaddr.IPv6.prototype].map((p) => (p as unknown as WithRanges).SpecialRanges);
  const ranges = tables.flatMap((table) =>
    Object.entries(table).flatMap(([name, value]) => {
      const list = (Array.isArray((value as unknown[])[0]) ? value : [value]) as Array<[ipaddr.IPv4, number]>;
      return list.map((r) => [`${name} ${r[0].toString()}/${r[1]}`, ...bounds(r)] as [string, string, string]);
    }),
  );
  it('names at least the blocks of the issue', () => {
    expect(ranges.length).toBeGreaterThan(25);
  });
  it.each(ranges)('%s', (_name, first, last) => {
    expect(blockedReason(first), first).not.toBeNull();
    expect(blockedReason(last), last).not.toBeNull();
  });
});

// Through the API: as a literal, by a name that resolves to it, and through a redirect.
let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
    if (to) return res.writeHead(302, { location: to }).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end('<title>ok</title>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const samples = [
  ...BLOCKS.filter(([, first]) => first !== '::1' && !first.startsWith('127.')).map(([, , last]) => last),
];
const nameOf = (address: string) => `h${samples.indexOf(address)}.test`;
const handler = () =>
  createHandler({
    env: { LOG_LEVEL: 'silent' },
    pageFetch: {
      allowLoopback: true,
      ports: [80, 443, port],
      timeoutMs: 2000,
      resolve: async (h) => {
        if (h === 'loop.test') return [{ address: '127.0.0.1', family: 4 }];
        const a = samples[Number(h.slice(1, -5))];
        return a ? [{ address: a, family: a.includes(':') ? 6 : 4 }] : [];
      },
    },
  });
const production = createHandler({ env: { LOG_LEVEL: 'silent' } });
const parse = async (h: ReturnType<typeof createHandler>, url: string) => {
  const res = await h(
    new Request('http://localhost/parse', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    }),
  );
  return { status: res.status, body: await json(res) };
};
const literal = (a: string) => (a.includes(':') ? `[${a}]` : a);

describe('POST /parse refuses every block', () => {
  it.each(samples)('%s directly', async (address) => {
    const r = await parse(production, `http://${literal(address)}/`);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.code).toBe('blocked_url');
  });
  it.each(samples)('%s by a name that resolves to it', async (address) => {
    const r = await parse(handler(), `http://${nameOf(address)}:${port}/`);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.code).toBe('blocked_url');
    expect(r.body.detail).toContain(address);
  });
  it.each(samples)('%s through a redirect, by address and by name', async (address) => {
    for (const target of [`http://${literal(address)}/`, `http://${nameOf(address)}/`]) {
      const r = await parse(handler(), `http://loop.test:${port}/?to=${encodeURIComponent(target)}`);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.code).toBe('blocked_url');
    }
  });
  it('loopback itself is refused in production', async () => {
    for (const url of ['http://127.0.0.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/']) {
      expect((await parse(production, url)).status).toBe(400);
    }
  });
});
