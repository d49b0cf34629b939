type FetchLike = (input: URL | string, init?: RequestInit) => Promise<Response>;

/** What a command shows while it waits on the API (stderr only, and only on a terminal). */
export interface Progress {
  /** A fetch that counts the upstream requests it makes, for the line shown. */
  fetch: FetchLike;
  stop(): void;
}

interface ProgressOptions {
  /** `compare: 20 cities` */
  label: string;
  write: (text: string) => void;
  /** stderr is a terminal: otherwise nothing is shown. */
  tty: boolean;
  /** NO_COLOR is set (https://no-color.org): no escape codes at all. */
  noColor: boolean;
  /** Nothing is shown for work shorter than this. */
  delayMs?: number;
  everyMs?: number;
}

/**
 * Shows `label… n pages fetched, 1.4 s` on one line, rewritten in place, once work lasts longer
 * than delayMs; the line is erased when it ends so stdout's answer follows a clean terminal.
 */
export function startProgress(o: ProgressOptions): Progress {
  let started = 0;
  let done = 0;
  const counting: FetchLike = (input, init) => {
    started++;
    return fetch(input, init).finally(() => {
      done++;
    });
  };
  if (!o.tty) return { fetch: counting, stop: () => {} };
  const t0 = performance.now();
  let width = 0;
  const draw = () => {
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const text = `${o.label}… ${done} of ${started} upstream requests done, ${seconds} s`;
    if (o.noColor) o.write(`\r${text.padEnd(width)}`);
    else o.write(`\r\u001b[2m${text}\u001b[22m\u001b[K`);
    width = Math.max(width, text.length);
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  const delay = setTimeout(() => {
    draw();
    timer = setInterval(draw, o.everyMs ?? 100);
    timer.unref();
  }, o.delayMs ?? 300);
  delay.unref();
  return {
    fetch: counting,
    stop() {
      clearTimeout(delay);
      if (timer === undefined) return;
      clearInterval(timer);
      o.write(o.noColor ? `\r${''.padEnd(width)}\r` : '\r\u001b[K');
    },
  };
}
