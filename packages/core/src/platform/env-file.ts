import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads `.env` from a folder (the working directory) into process.env with Node's own
 * process.loadEnvFile (Node ≥ 20.12; no dotenv). A variable the environment already has, even
 * an empty one, is kept: the real environment wins. Returns the file read, or null when there
 * is none. A file that exists but cannot be read throws, naming it.
 */
export function loadDotEnv(dir: string = process.cwd()): string | null {
  const path = join(dir, '.env');
  if (!existsSync(path)) return null;
  try {
    process.loadEnvFile(path);
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return path;
}
