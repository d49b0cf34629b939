import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizeTitle, query, summary } from './action-api.js';
import { SAMPLE_WIKIS, type SampleWiki } from './sample-pages.js';
import { SAMPLE_WIKIDATA, type WikidataEntity, wbgetentities } from './wikidata.js';

/**
 * A fake Wikipedia on loopback, faithful to the documented shapes of the Action
 * API (action=query with formatversion 1 and 2, normalized, redirects, missing and
 * invalid titles, the U+001F multi-value separator, exlimit and continue,
 * prop=links, pageprops with ppprop) and the REST summary endpoint. Each language lives under
 * `/{lang}`, so WIKIPEDIA_BASE_URL is `http://127.0.0.1:PORT/{lang}`. Wikidata's
 * `wbgetentities` (Wikibase JSON) lives under `/wikidata`, so WIKIDATA_BASE_URL is
 * `http://127.0.0.1:PORT/wikidata`.
 */
export interface FakeWikipediaOptions {
  wikis?: Record<string, SampleWiki>;
  /** Wikidata items by id; SAMPLE_WIKIDATA by default. */
  wikidata?: Record<string, WikidataEntity>;
  /** Most extracts per answer; the real API allows 20. */
  exlimit?: number;
  port?: number;
}

export interface RecordedRequest {
  lang: string;
  path: string;
  params: URLSearchParams;
  headers: IncomingMessage['headers'];
}

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Hold the answer this long (ms) before sending it. */
  delayMs?: number;
}

export interface FakeWikipedia {
  url: string;
  /** `http://127.0.0.1:PORT/{lang}` */
  baseUrl: string;
  /** `http://127.0.0.1:PORT/wikidata` */
  wikidataUrl: string;
  requests: RecordedRequest[];
  /** The next answers, in order, are these instead of the real ones. */
  faults: Fault[];
  /** Every answer waits this long first (ms). */
  delayMs: number;
  /** Wikidata's answers wait this long first (ms), on top of delayMs. */
  wikidataDelayMs: number;
  close(): Promise<void>;
}

export { normalizeTitle };

/** An answer of the stand-in: status, body (JSON unless a string) and extra headers. */
type Reply = [status: number, body: unknown, headers?: Record<string, string>];

function send(res: ServerResponse, [status, body, headers = {}]: Reply): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

interface Served {
  wikis: Record<string, SampleWiki>;
  wikidata: Record<string, WikidataEntity>;
  exlimit: number;
  origin: string;
}

/** What the stand-in answers at `/{lang}{path}` (faults and delays aside): the Action API, Wikidata, REST summaries. */
function reply(url: URL, lang: string, path: string, served: Served): Reply {
  if (lang === 'wikidata' && path === '/w/api.php') return wbgetentities(served.wikidata, url.searchParams);
  const wiki = served.wikis[lang];
  const base = `${served.origin}/${lang}`;
  if (!wiki) return [404, { error: { code: 'nosuchwiki', info: `No wiki for ${lang}` } }];
  if (path === '/w/api.php') {
    if (url.searchParams.get('action') !== 'query') {
      return [200, { error: { code: 'badvalue', info: 'Unrecognized value for parameter "action".' } }];
    }
    return [200, query(wiki, url.searchParams, served.exlimit, base)];
  }
  const m = /^\/api\/rest_v1\/page\/summary\/(.+)$/.exec(path);
  if (!m) return [404, { error: 'not found' }];
  const found = summary(wiki, decodeURIComponent(m[1] as string), base, lang);
  if (found) return [200, found];
  const notFound = {
    type: 'https://mediawiki.org/wiki/HyperSwitch/errors/not_found',
    title: 'Not found.',
    method: 'get',
    uri: path,
  };
  return [404, notFound, { 'content-type': 'application/problem+json' }];
}

export async function startFakeWikipedia(options: FakeWikipediaOptions = {}): Promise<FakeWikipedia> {
  const served: Served = {
    wikis: options.wikis ?? SAMPLE_WIKIS,
    wikidata: options.wikidata ?? SAMPLE_WIKIDATA,
    exlimit: options.exlimit ?? 20,
    origin: '',
  };
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const state = { delayMs: 0, wikidataDelayMs: 0 };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', served.origin);
    const [, lang = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    requests.push({ lang, path, params: url.searchParams, headers: req.headers });
    const fault = faults.shift();
    const answer = () =>
      send(
        res,
        fault
          ? [fault.status, fault.body ?? JSON.stringify({ error: 'fault' }), fault.headers]
          : reply(url, lang, path, served),
      );
    const wait = (fault?.delayMs ?? state.delayMs) + (lang === 'wikidata' ? state.wikidataDelayMs : 0);
    if (wait > 0) setTimeout(answer, wait);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  served.origin = origin;
  return {
    url: origin,
    baseUrl: `${origin}/{lang}`,
    wikidataUrl: `${origin}/wikidata`,
    requests,
    faults,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    get wikidataDelayMs() {
      return state.wikidataDelayMs;
    },
    set wikidataDelayMs(v: number) {
      state.wikidataDelayMs = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
