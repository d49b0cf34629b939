import type { Command, Io } from './commands.js';
import { UsageError, type Values } from './options.js';

/**
 * `cityscope key new NAME`: a fresh random API key (256 bits, URL-safe) and the API_KEYS
 * entry that accepts it. Only the entry (the key's SHA-256) goes into the deployment's
 * settings; the key itself is shown once, here, for the client.
 */
export const KEY: Command = {
  args: 'new <name>',
  summary: 'Make an API key: prints the key (for the client) and its API_KEYS entry (for the deployment)',
  argHelp: ['<name>  the client the key is for: letters, digits, dots, underscores, hyphens (1–64)'],
  options: {},
  run: newKey,
};

async function newKey(_values: Values, args: string[], io: Io): Promise<number> {
  const [verb, name, ...extra] = args;
  if (verb !== 'new' || !name || extra.length) throw new UsageError('usage: cityscope key new <name>');
  const { newApiKey } = await import('@cityscope/core/access/api-keys');
  let made: { key: string; entry: string };
  try {
    made = newApiKey(name);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  io.out(
    [
      `key:   ${made.key}`,
      `entry: ${made.entry}`,
      '',
      'Give the key to the client (Authorization: Bearer <key>, or X-API-Key: <key>); it is not stored anywhere.',
      'Add the entry to API_KEYS (comma-separated name:sha256 entries), e.g. in the deploy secret; see docs/deploying.md.',
      '',
    ].join('\n'),
  );
  return 0;
}
