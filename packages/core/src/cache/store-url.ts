/** The connection settings in a redis:// or rediss:// URL. */
export function parseStoreUrl(url: string): {
  tls: boolean;
  host: string;
  port: number;
  username: string;
  password: string;
  db: number;
} {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error('is not a URL');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error('must be redis:// or rediss://');
  if (!u.hostname) throw new Error('has no host');
  const db = u.pathname.replace(/^\/+/, '');
  if (db !== '' && !/^\d{1,4}$/.test(db)) throw new Error('its path must be a database number');
  return {
    tls: u.protocol === 'rediss:',
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 6379,
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    db: db === '' ? 0 : Number(db),
  };
}
