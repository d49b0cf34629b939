/** What a command reads and writes: its output, errors, settings and standard input (tests pass their own). */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Standard input, for `analyze` without a text and `--file -`. */
  stdin?: () => Promise<string>;
  /** Whether stderr is a terminal: progress is shown only then. */
  errIsTTY?: boolean;
}
