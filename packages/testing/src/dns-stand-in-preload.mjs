/**
 * Preloaded into a server process by tests (`node --import=<this file>`, see
 * dns-stand-in.ts): when CITYSCOPE_STAND_IN_DNS (`host:port`) is set, `dns/promises`'
 * `lookup` asks that DNS server instead of the system's, for every name but `localhost`
 * and address literals. Nothing else in the process changes. Without the variable this
 * module does nothing. Plain JavaScript, so it loads before any TypeScript loader.
 */
import dns from 'node:dns/promises';
import { syncBuiltinESMExports } from 'node:module';
import { isIP } from 'node:net';

const server = process.env.CITYSCOPE_STAND_IN_DNS;
if (server) {
  const system = dns.lookup;
  const resolver = new dns.Resolver({ timeout: 2000, tries: 1 });
  resolver.setServers([server]);
  /** Both families; a name with neither is the first error (ENOTFOUND for NXDOMAIN). */
  async function lookup(host, options) {
    if (host === 'localhost' || isIP(host)) return system(host, options);
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    const all = [
      ...(v4.status === 'fulfilled' ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === 'fulfilled' ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ];
    if (all.length === 0) {
      const failed = v4.status === 'rejected' ? v4.reason : v6.status === 'rejected' ? v6.reason : undefined;
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), {
        code: failed?.code ?? 'ENOTFOUND',
        hostname: host,
      });
    }
    const all_ = typeof options === 'object' && options?.all;
    return all_ ? all : all[0];
  }
  dns.lookup = lookup;
  syncBuiltinESMExports();
}
