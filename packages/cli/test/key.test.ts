import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runMain } from './run.js';

const run = (...argv: string[]) => runMain(argv, { env: {} });

describe('cityscope key new', () => {
  it('prints a fresh key and the API_KEYS entry that accepts it', async () => {
    const { code, out } = await run('key', 'new', 'team-a');
    expect(code).toBe(0);
    const key = /^key: +(\S+)$/m.exec(out)?.[1] as string;
    const entry = /^entry: +(\S+)$/m.exec(out)?.[1];
    expect(key).toMatch(/^csk_[A-Za-z0-9_-]{43}$/);
    expect(entry).toBe(`team-a:${createHash('sha256').update(key).digest('hex')}`);
    expect((await run('key', 'new', 'team-a')).out).not.toContain(key);
  });

  it('refuses a bad name or a missing one with usage (64)', async () => {
    expect((await run('key', 'new', 'two words')).code).toBe(64);
    expect((await run('key', 'new')).code).toBe(64);
    expect((await run('key', 'old', 'x')).code).toBe(64);
  });
});
