import { startFakeWikipedia } from '@cityscope/testing';
import { expect, it, vi } from 'vitest';

// A bug inside a route: mocked in a file of its own so no other test sees the mock.
vi.mock('../src/cities/city.js', () => ({
  requirePage: (found: unknown) => found,
  toCity: () => {
    throw new Error('secret database password at /srv/app.js:12');
  },
}));

it('500 never leaks the internal message or stack, and logs it', async () => {
  const fake = await startFakeWikipedia();
  const errors: unknown[] = [];
  const { createHandler } = await import('../src/index.js');
  const h = createHandler({
    env: { WIKIPEDIA_BASE_URL: fake.baseUrl },
    logger: { debug() {}, info() {}, warn() {}, error: (_m, f) => void errors.push(f) },
  });
  try {
    const res = await h(new Request('http://localhost/cities/Toronto'));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 500, code: 'internal', title: 'Internal Server Error' });
    expect(text).not.toMatch(/secret|app\.js|at /);
    expect(JSON.stringify(errors)).toMatch(/secret database password/);
  } finally {
    await fake.close();
  }
});
