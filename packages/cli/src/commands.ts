import { readFile } from 'node:fs/promises';
import {
  formatAnalysis,
  formatCity,
  formatCompare,
  formatDistance,
  formatHubs,
  formatPage,
  formatRoute,
} from './format.js';

export type Values = Record<string, string | boolean | undefined>;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Standard input, for `analyze` without a text. */
  stdin?: () => Promise<string>;
}

/** One API request a command makes, and how its answer is printed. */
export interface Call {
  method?: 'GET' | 'POST';
  path: string;
  body?: unknown;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer of the API, printed field by field
  print: (body: any) => string;
}

export class UsageError extends Error {}

export interface Command {
  usage: string;
  summary: string;
  /** What each option means, for `cityscope <command> --help`. */
  options?: string[];
  build(values: Values, args: string[], io: Io): Promise<Call>;
}

const asJson = (b: unknown) => `${JSON.stringify(b, null, 2)}\n`;
const printer = (values: Values, readable: Call['print']) => (values.json ? asJson : readable);

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
    usage: 'city <name> [--lang en] [--sentences 3] [--json]',
    summary: 'Facts, summary, keywords and sentiment of a city (GET /cities/{name})',
    options: [
      '<name>            a page title as you would type it; quote names with spaces or commas',
      '--lang en         the Wikipedia language (en, fr, pt-br, …)',
      '--sentences 3     sentences in the summary (1–10)',
      "--json            the API's JSON instead of text",
    ],
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
    usage: 'compare <name> <name>… [--lang en] [--json]',
    summary: 'Cities side by side, with distances (GET /compare)',
    options: [
      '<name>…           2–20 names, one argument each ("Washington, D.C." keeps its comma)',
      '--lang en         the Wikipedia language',
      "--json            the API's JSON instead of text",
    ],
    async build(values, args) {
      const names = atLeast(args, 2, 'compare');
      const extra = names.map((n): [string, string] => ['cities', n]);
      return { path: `/compare${query(values, ['lang'], extra)}`, print: printer(values, formatCompare) };
    },
  },
  distance: {
    usage: 'distance <from> <to> [--mode air|road|rail] [--lang en] [--json]',
    summary: 'Distance and travel time between two cities (GET /distance)',
    options: [
      '<from> <to>       two names, one argument each',
      "--mode air        air, road or rail (the travel time's speed and detour)",
      '--lang en         the Wikipedia language',
      "--json            the API's JSON instead of text",
    ],
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
    usage: 'route <name> <name>… [--start <name>] [--round-trip] [--lang en] [--json]',
    summary: 'The shortest visiting order (POST /route)',
    options: [
      '<name>…           2–50 names (exact order up to 10)',
      '--start <name>    where the route starts (one of the names)',
      '--round-trip      come back to the start',
      '--lang en         the Wikipedia language',
      "--json            the API's JSON instead of text",
    ],
    async build(values, args) {
      const body = {
        cities: atLeast(args, 2, 'route'),
        ...(typeof values.start === 'string' ? { start: values.start } : {}),
        roundTrip: Boolean(values['round-trip']),
        ...(typeof values.lang === 'string' ? { lang: values.lang } : {}),
      };
      return { method: 'POST', path: '/route', body, print: printer(values, formatRoute) };
    },
  },
  hubs: {
    usage: 'hubs <name> <name> <name>… [--k 3] [--lang en] [--json]',
    summary: 'Regional hubs by k-means (POST /hubs)',
    options: [
      '<name>…           3–100 names',
      '--k 3             the number of hubs',
      '--lang en         the Wikipedia language',
      "--json            the API's JSON instead of text",
    ],
    async build(values, args) {
      const k = num(values.k, 'k');
      const body = {
        cities: atLeast(args, 3, 'hubs'),
        ...(k === undefined ? {} : { k }),
        ...(typeof values.lang === 'string' ? { lang: values.lang } : {}),
      };
      return { method: 'POST', path: '/hubs', body, print: printer(values, formatHubs) };
    },
  },
  analyze: {
    usage: 'analyze [<text> | --file <path> | -] [--lang en] [--keywords 10] [--sentences 3] [--json]',
    summary: 'Statistics, keywords, sentiment and summary of a text (POST /analyze)',
    options: [
      '<text> | -        the text, or - (or nothing) to read standard input',
      '--file <path>     read the text from a file',
      "--lang en         the text's language",
      '--keywords 10     how many keywords',
      '--sentences 3     sentences in the summary',
      "--json            the API's JSON instead of text",
    ],
    async build(values, args, io) {
      let text = args.join(' ');
      if (typeof values.file === 'string') text = await readFile(values.file, 'utf8');
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
    usage: 'parse <url> | --file <page.html> [--base-url <url>] [--json]',
    summary: 'Metadata, structure and text of a web page (POST /parse)',
    options: [
      '<url>             an http(s) page to fetch (public addresses only)',
      '--file <path>     parse a saved page instead',
      "--base-url <url>  resolve the file's relative links against this URL",
      "--json            the API's JSON instead of text",
    ],
    async build(values, args) {
      let body: Record<string, string>;
      if (typeof values.file === 'string') {
        body = { html: await readFile(values.file, 'utf8') };
        if (typeof values['base-url'] === 'string') body.baseUrl = values['base-url'];
      } else if (args.length === 1) body = { url: args[0] as string };
      else throw new UsageError('parse needs a URL or --file: cityscope parse https://example.org/');
      return { method: 'POST', path: '/parse', body, print: printer(values, formatPage) };
    },
  },
  health: {
    usage: 'health [--json]',
    summary: 'Liveness, version and platform (GET /health)',
    async build(values) {
      return { path: '/health', print: printer(values, (b) => `${b.status} (${b.service} ${b.version})\n`) };
    },
  },
  openapi: {
    usage: 'openapi',
    summary: 'The OpenAPI document (GET /openapi.json)',
    async build() {
      return { path: '/openapi.json', print: asJson };
    },
  },
};
