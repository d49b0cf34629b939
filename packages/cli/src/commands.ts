import { writeFileSync } from 'node:fs';
import {
  formatAnalysis,
  formatCity,
  formatCompare,
  formatDistance,
  formatHubs,
  formatPage,
  formatRoute,
} from './format.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import { JSON_OUT, LANG, type OptionSpec, type OptionSpecs, UsageError, type Values } from './options.js';

export { UsageError, type Values } from './options.js';

export type { Io };

/** One API request a command makes, and how its answer is printed. */
export interface Call {
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  /** The media type asked for, when not JSON (`image/svg+xml`): the answer is then text. */
  accept?: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer of the API, printed field by field
  print: (body: any) => string;
}

/**
 * One command: its arguments and options (declared here, in one place: parsing, the usage line
 * and `--help` all come from them), and either the API request it makes or what it runs.
 */
export interface Command {
  /** The positional arguments of the usage line: `<name>`, `<from> <to>`. */
  args: string;
  summary: string;
  /** What the positional arguments are, for `--help`. */
  argHelp?: string[];
  options: OptionSpecs;
  /** The API request (most commands). */
  build?(values: Values, args: string[], io: Io): Promise<Call>;
  /** Or a command of its own (serve): returns the exit status. */
  run?(values: Values, args: string[], io: Io): Promise<number>;
}

const asJson = (b: unknown) => `${JSON.stringify(b, null, 2)}\n`;
const printer = (values: Values, readable: Call['print']) => (values.json ? asJson : readable);

/** `--svg <file>`: the answer as the API's SVG map, written to a file, or to stdout with `-`. */
const SVG_OUT: OptionSpec = {
  type: 'string',
  value: '<file>',
  help: 'draw the answer as an SVG map into a file (- for stdout)',
};

/** The request as a map when --svg is given: the same body, asking for image/svg+xml. */
function asMap(values: Values, call: Call): Call {
  const file = values.svg;
  if (typeof file !== 'string') return call;
  if (values.json) throw new UsageError('--svg and --json cannot go together');
  if (!file) throw new UsageError('--svg needs a file name, or - for standard output');
  return {
    ...call,
    accept: 'image/svg+xml',
    print: (svg: string) => {
      if (file === '-') return svg;
      writeFileSync(file, svg);
      return '';
    },
  };
}

function query(values: Values, keys: string[], extra: Array<[string, string]> = []): string {
  const q = new URLSearchParams(extra);
  for (const k of keys) if (typeof values[k] === 'string') q.set(k, values[k] as string);
  return q.size ? `?${q}` : '';
}

function atLeast(args: string[], n: number, what: string): string[] {
  if (args.length < n)
    throw new UsageError(`${what} needs at least ${n} names, each one argument ("Quebec City" in quotes)`);
  return args;
}

const num = (v: string | boolean | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
  return n;
};

/** One command per route of the API. */
export const COMMANDS: Record<string, Command> = {
  city: {
    args: '<name>',
    summary: 'Facts, summary, keywords and sentiment of a city (GET /cities/{name})',
    argHelp: ['<name>            a page title as you would type it; quote names with spaces or commas'],
    options: {
      lang: LANG,
      sentences: { type: 'string', value: '3', help: 'sentences in the summary (1–10)' },
      json: JSON_OUT,
    },
    async build(values, args) {
      const name = args.join(' ').trim();
      if (!name) throw new UsageError('city needs a name, e.g. cityscope city Toronto');
      return {
        path: `/cities/${encodeURIComponent(name)}${query(values, ['lang', 'sentences'])}`,
        print: printer(values, formatCity),
      };
    },
  },
  compare: {
    args: '<name> <name>…',
    summary: 'Cities side by side, with distances (GET /compare)',
    argHelp: ['<name>…           2–20 names, one argument each ("Washington, D.C." keeps its comma)'],
    options: { lang: LANG, json: JSON_OUT },
    async build(values, args) {
      const names = atLeast(args, 2, 'compare');
      const extra = names.map((n): [string, string] => ['cities', n]);
      return { path: `/compare${query(values, ['lang'], extra)}`, print: printer(values, formatCompare) };
    },
  },
  distance: {
    args: '<from> <to>',
    summary: 'Distance and travel time between two cities (GET /distance)',
    argHelp: ['<from> <to>       two names, one argument each'],
    options: {
      mode: { type: 'string', value: 'air|road|rail', help: "the travel time's speed and detour (air)" },
      lang: LANG,
      json: JSON_OUT,
    },
    async build(values, args) {
      if (args.length !== 2) throw new UsageError('distance needs two names: cityscope distance Toronto Montreal');
      const extra: Array<[string, string]> = [
        ['from', args[0] as string],
        ['to', args[1] as string],
      ];
      return { path: `/distance${query(values, ['mode', 'lang'], extra)}`, print: printer(values, formatDistance) };
    },
  },
  route: {
    args: '<name> <name>…',
    summary: 'The shortest visiting order (POST /route)',
    argHelp: ['<name>…           2–50 names (exact order up to 10)'],
    options: {
      start: { type: 'string', value: '<name>', help: 'where the route starts (one of the names)' },
      'round-trip': { type: 'boolean', help: 'come back to the start' },
      lang: LANG,
      json: JSON_OUT,
      svg: SVG_OUT,
    },
    async build(values, args) {
      const body = {
        cities: atLeast(args, 2, 'route'),
        ...(typeof values.start === 'string' ? { start: values.start } : {}),
        roundTrip: Boolean(values['round-trip']),
        ...(typeof values.lang === 'string' ? { lang: values.lang } : {}),
      };
      return asMap(values, { method: 'POST', path: '/route', body, print: printer(values, formatRoute) });
    },
  },
  hubs: {
    args: '<name> <name> <name>…',
    summary: 'Regional hubs by k-means (POST /hubs)',
    argHelp: ['<name>…           3–100 names'],
    options: {
      k: { type: 'string', value: '3', help: 'the number of hubs (chosen by silhouette when absent)' },
      lang: LANG,
      json: JSON_OUT,
      svg: SVG_OUT,
    },
    async build(values, args) {
      const k = num(values.k, 'k');
      const body = {
        cities: atLeast(args, 3, 'hubs'),
        ...(k === undefined ? {} : { k }),
        ...(typeof values.lang === 'string' ? { lang: values.lang } : {}),
      };
      return asMap(values, { method: 'POST', path: '/hubs', body, print: printer(values, formatHubs) });
    },
  },
  analyze: {
    args: '[<text> | -]',
    summary: 'Statistics, keywords, sentiment and summary of a text (POST /analyze)',
    argHelp: ['<text> | -        the text, or - (or nothing) to read standard input'],
    options: {
      file: { type: 'string', value: '<path>', help: 'read the text from a file (- for standard input)' },
      lang: { type: 'string', value: 'en', help: "the text's language" },
      keywords: { type: 'string', value: '10', help: 'how many keywords' },
      sentences: { type: 'string', value: '3', help: 'sentences in the summary' },
      json: JSON_OUT,
    },
    async build(values, args, io) {
      let text = args.join(' ');
      if (typeof values.file === 'string') text = await readInput(values.file, io);
      else if ((text === '' || text === '-') && io.stdin) text = await io.stdin();
      if (!text.trim()) throw new UsageError('analyze needs a text, a --file, or text on standard input');
      const keywords = num(values.keywords, 'keywords');
      const sentences = num(values.sentences, 'sentences');
      const body = {
        text,
        ...(typeof values.lang === 'string' ? { lang: values.lang } : {}),
        ...(keywords === undefined ? {} : { keywords }),
        ...(sentences === undefined ? {} : { sentences }),
      };
      return { method: 'POST', path: '/analyze', body, print: printer(values, formatAnalysis) };
    },
  },
  parse: {
    args: '[<url>]',
    summary: 'Metadata, structure and text of a web page (POST /parse)',
    argHelp: ['<url>             an http(s) page to fetch (public addresses only)'],
    options: {
      file: { type: 'string', value: '<path>', help: 'parse a saved page instead (- for standard input)' },
      'base-url': { type: 'string', value: '<url>', help: "resolve the file's relative links against this URL" },
      json: JSON_OUT,
    },
    async build(values, args, io) {
      let body: Record<string, string>;
      if (typeof values.file === 'string' && args.length === 0) {
        body = { html: await readInput(values.file, io) };
        if (typeof values['base-url'] === 'string') body.baseUrl = values['base-url'];
      } else if (args.length === 1 && values.file === undefined) {
        if (values['base-url'] !== undefined) throw new UsageError('--base-url goes with --file, not with a URL');
        body = { url: args[0] as string };
      } else throw new UsageError('parse needs one URL or --file: cityscope parse https://example.org/');
      return { method: 'POST', path: '/parse', body, print: printer(values, formatPage) };
    },
  },
  health: {
    args: '',
    summary: 'Liveness, version and platform (GET /health)',
    options: { json: JSON_OUT },
    async build(values) {
      return { path: '/health', print: printer(values, (b) => `${b.status} (${b.service} ${b.version})\n`) };
    },
  },
  openapi: {
    args: '',
    summary: 'The OpenAPI document (GET /openapi.json)',
    options: {},
    async build() {
      return { path: '/openapi.json', print: asJson };
    },
  },
};
