import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startStandInDns } from '../src/dns-stand-in.js';

/** What `dns/promises`' lookup answers for each name in a process started with the stand-in's env. */
async function lookupsIn(env: Record<string, string>, names: string[]): Promise<Record<string, unknown>> {
  const script = `import { lookup } from 'node:dns/promises';
const out = {};
for (const h of ${JSON.stringify(names)}) {
  try { out[h] = await lookup(h, { all: true, verbatim: true }); } catch (e) { out[h] = e.code; }
}
console.log(JSON.stringify(out));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let text = '';
  child.stdout.on('data', (d: Buffer) => {
    text += d.toString();
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(text);
}

describe('the stand-in DNS', () => {
  it('answers its names, NXDOMAIN for the rest, and leaves localhost and literals to the system', async () => {
    const dns = await startStandInDns({ 'Known.Example': '192.0.2.7' });
    try {
      const got = await lookupsIn(dns.env, ['known.example', 'no-such-name.example.com', 'localhost', '192.0.2.1']);
      expect(got['known.example']).toEqual([{ address: '192.0.2.7', family: 4 }]);
      expect(got['no-such-name.example.com']).toBe('ENOTFOUND');
      expect(got.localhost).toContainEqual({ address: '127.0.0.1', family: 4 });
      expect(got['192.0.2.1']).toEqual([{ address: '192.0.2.1', family: 4 }]);
      expect(dns.asked).toContainEqual({ name: 'no-such-name.example.com', type: 1 });
      expect(dns.asked.map((q) => q.name)).not.toContain('localhost');
    } finally {
      await dns.close();
    }
  });
});
