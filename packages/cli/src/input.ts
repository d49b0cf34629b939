import { readFile } from 'node:fs/promises';
import type { Io } from './io.js';

/** An input file that is missing or cannot be read (exit 66, EX_NOINPUT). */
export class InputError extends Error {}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
};

/** The text of `--file <path>`; `-` is standard input. */
export async function readInput(path: string, io: Io): Promise<string> {
  if (path === '-') return io.stdin ? io.stdin() : '';
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    throw new InputError(`cannot read ${path}: ${REASONS[code] ?? (code || 'unreadable')}`);
  }
}
