import { parseArgs } from 'node:util';

/** One option of a command: how it is parsed and how `--help` explains it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value shown in the usage line (`--lang en`); string options only. */
  value?: string;
  help: string;
}

export type OptionSpecs = Record<string, OptionSpec>;
export type Values = Record<string, string | boolean | undefined>;

/** A mistake in the command line (exit 64, with the command's usage). */
export class UsageError extends Error {}

/** Options several commands share: defined once, listed by each command that takes them. */
export const LANG: OptionSpec = { type: 'string', value: 'en', help: 'the Wikipedia language (en, fr, pt-br, …)' };
export const JSON_OUT: OptionSpec = { type: 'boolean', help: "the API's JSON instead of text (a failure too)" };
const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'this text' };

/**
 * Parses one command's arguments against its own options only: an option of another command
 * (`city Toronto --mode road`) or a misspelt one is a usage mistake, not silently ignored.
 */
export function parseCommandArgs(args: string[], specs: OptionSpecs): { values: Values; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, spec] of Object.entries({ ...specs, help: HELP })) {
    options[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (err) {
    // parseArgs' messages name the option and add advice meant for programmers: keep the first sentence
    const message = (err as Error).message.split(/\. (?=[A-Z])/)[0] ?? 'bad option';
    throw new UsageError(message.replace(/^Unknown option/, 'unknown option'));
  }
}

/** `[--lang en] [--round-trip]` for a usage line. */
export function usageOptions(specs: OptionSpecs): string {
  return Object.entries(specs)
    .map(([name, s]) => `[--${name}${s.type === 'string' ? ` ${s.value ?? '<value>'}` : ''}]`)
    .join(' ');
}

/** One line per option for `--help`, aligned. */
export function optionLines(specs: OptionSpecs): string[] {
  const rows = Object.entries(specs).map(([name, s]) => [
    `--${name}${s.type === 'string' ? ` ${s.value ?? '<value>'}` : ''}`,
    s.help,
  ]);
  return rows.map(([flag, help]) => `${(flag as string).padEnd(18)}${help}`);
}
