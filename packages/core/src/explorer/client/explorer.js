// The explorer's script: plain browser JavaScript, same-origin requests only, no inline code
// (it runs under a strict Content-Security-Policy). State lives in the URL's query string.

const $ = (selector, root = document) => root.querySelector(selector);

/** An element with text or children; attributes set one by one (never parsed as HTML). */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

const KEY = 'cityscope-api-key';
/** The API's base: the folder the page was served from (so it works under a path prefix). */
const api = (path) => new URL(path.replace(/^\//, ''), document.baseURI).toString();
/** The names typed: one per line when there are several lines (so "Washington, D.C." keeps its comma), else comma-separated. */
const names = (text) =>
  text
    .split(text.includes('\n') ? '\n' : ',')
    .map((s) => s.trim())
    .filter(Boolean);
const number = (n, digits = 0) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en', { maximumFractionDigits: digits });

/** One API call; asks for a key and tries once more when access control answers 401. */
async function call(path, { method = 'GET', body, accept = 'application/json' } = {}) {
  const headers = { accept };
  const key = sessionStorage.getItem(KEY);
  if (key) headers['x-api-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(api(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    // a key entered for another call since this one was sent is tried first
    const now = sessionStorage.getItem(KEY);
    const entered = (now && now !== key) || (await askForKey(Boolean(key)));
    if (entered) return call(path, { method, body, accept });
  }
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    throw new Error(problem.detail || problem.title || `The API answered ${res.status}`);
  }
  return accept === 'application/json' ? res.json() : res.text();
}

/** The key form's answer while it is shown: calls refused at once (a map and its JSON) share one. */
let asking = null;

/** Shows the key form and resolves with true once a key is saved (sessionStorage only: gone with the tab). */
function askForKey(wasWrong) {
  asking ??= keyForm(wasWrong).finally(() => {
    asking = null;
  });
  return asking;
}

function keyForm(wasWrong) {
  const dialog = $('#key-panel');
  dialog.hidden = false;
  $('#key-note').textContent = wasWrong
    ? 'That key was not accepted. Enter another one.'
    : 'This Cityscope needs an API key. It is kept in this tab only (sessionStorage) and sent as X-API-Key.';
  $('#key-input').focus();
  return new Promise((resolve) => {
    $('#key-form').onsubmit = (event) => {
      event.preventDefault();
      const value = $('#key-input').value.trim();
      if (!value) return;
      sessionStorage.setItem(KEY, value);
      dialog.hidden = true;
      resolve(true);
    };
    $('#key-cancel').onclick = () => {
      dialog.hidden = true;
      resolve(false);
    };
  });
}

/** Runs a view's work with a busy state, an error message, and the result put in its output. */
async function show(out, work) {
  out.setAttribute('aria-busy', 'true');
  out.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  try {
    out.replaceChildren(...[await work()].flat());
  } catch (err) {
    out.replaceChildren(h('p', { class: 'error', role: 'alert' }, err.message));
  } finally {
    out.removeAttribute('aria-busy');
  }
}

const source = (s) => (s ? h('span', { class: 'source' }, s) : '');

function factRows(city) {
  const f = city.facts;
  const s = city.factSources;
  const c = city.coordinates;
  const rows = [
    ['Country', f.country, s.country],
    [
      'Population',
      f.population === null ? null : `${number(f.population)}${f.populationAsOf ? ` (${f.populationAsOf})` : ''}`,
      s.population,
    ],
    ['Area', f.areaKm2 === null ? null : `${number(f.areaKm2, 1)} km²`, s.areaKm2],
    ['Elevation', f.elevationM === null ? null : `${number(f.elevationM)} m`, s.elevationM],
    ['Time zone', f.timezone === null ? null : `${f.timezone}${f.utcOffset ? ` (UTC${f.utcOffset})` : ''}`, s.timezone],
    ['Coordinates', c ? `${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}` : null, s.coordinates],
  ];
  return rows.map(([label, value, from]) =>
    h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, value ?? '—'), h('td', {}, source(from))),
  );
}

function cityCard(city) {
  return h(
    'article',
    { class: 'card' },
    h('h3', {}, city.title),
    city.description ? h('p', { class: 'muted' }, city.description) : '',
    h(
      'table',
      { class: 'facts' },
      h('caption', { class: 'sr-only' }, `Facts about ${city.title}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Fact'),
          h('th', { scope: 'col' }, 'Value'),
          h('th', { scope: 'col' }, 'Source'),
        ),
      ),
      h('tbody', {}, factRows(city)),
    ),
    city.factNotes.length
      ? h(
          'ul',
          { class: 'notes' },
          city.factNotes.map((n) => h('li', {}, n)),
        )
      : '',
    h('h4', {}, 'Summary'),
    h('p', {}, city.summary),
    keywordList(city.keywords),
    h(
      'p',
      { class: 'muted' },
      'From ',
      h('a', { href: city.url, rel: 'noopener' }, `${city.lang}.wikipedia.org`),
      city.sentiment ? ` · tone: ${city.sentiment.label}` : '',
    ),
  );
}

const keywordList = (keywords) =>
  keywords.length
    ? [
        h('h4', {}, 'Keywords'),
        h(
          'ul',
          { class: 'chips' },
          keywords.map((k) => h('li', {}, k.term)),
        ),
      ]
    : [];

/** Draws a map answered by the API (an SVG document) into the page as accessible inline SVG. */
function mapFigure(svgText, caption) {
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = document.importNode(doc.documentElement, true);
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  return h('figure', { class: 'map' }, svg, h('figcaption', {}, caption));
}

const VIEWS = {
  city: async (value) => cityCard(await call(`cities/${encodeURIComponent(value.trim())}`)),
  compare: async (value) => {
    const list = names(value);
    const answer = await call(`compare?${list.map((n) => `cities=${encodeURIComponent(n)}`).join('&')}`);
    const ok = answer.cities.filter((c) => c.city);
    const failed = answer.cities.filter((c) => c.error).map((c) => h('li', {}, `${c.name}: ${c.error.detail}`));
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, 'Fact'),
      ok.map((c) => h('th', { scope: 'col' }, c.city.title)),
    );
    const row = (label, f) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, label),
        ok.map((c) => h('td', {}, f(c.city) ?? '—')),
      );
    const at = (c) => answer.cities.indexOf(c);
    return [
      h(
        'div',
        { class: 'scroll' },
        h(
          'table',
          { class: 'compare' },
          h('caption', {}, 'Side by side'),
          h('thead', {}, head),
          h('tbody', {}, [
            row('Country', (c) => c.facts.country),
            row('Population', (c) => number(c.facts.population)),
            row('Area (km²)', (c) => number(c.facts.areaKm2, 1)),
            row('Elevation (m)', (c) => number(c.facts.elevationM)),
            row('Time zone', (c) => c.facts.timezone),
            ...ok.map((o) =>
              row(`km to ${o.city.title}`, (c) =>
                c === o.city ? '—' : number(answer.distancesKm[at(ok.find((x) => x.city === c))][at(o)], 1),
              ),
            ),
          ]),
        ),
      ),
      failed.length ? h('ul', { class: 'notes' }, failed) : '',
    ];
  },
  route: async (value, params) => {
    const body = { cities: names(value), roundTrip: params.get('round') === '1' };
    const [svg, plan] = await Promise.all([
      call('route', { method: 'POST', body, accept: 'image/svg+xml' }),
      call('route', { method: 'POST', body }),
    ]);
    return [
      mapFigure(
        svg,
        `${plan.order.join(' → ')}${body.roundTrip ? ` → ${plan.order[0]}` : ''}: ${number(plan.totalKm, 1)} km`,
      ),
      h(
        'ol',
        { class: 'legs' },
        plan.legs.map((l) => h('li', {}, `${l.from} → ${l.to}: ${number(l.km, 1)} km`)),
      ),
      unresolvedNote(plan),
    ];
  },
  hubs: async (value, params) => {
    const k = Number(params.get('k'));
    const body = { cities: names(value), ...(k ? { k } : {}) };
    const [svg, plan] = await Promise.all([
      call('hubs', { method: 'POST', body, accept: 'image/svg+xml' }),
      call('hubs', { method: 'POST', body }),
    ]);
    return [
      mapFigure(svg, `${plan.k} hubs, chosen by ${plan.chosenBy}`),
      h(
        'ul',
        { class: 'legs' },
        plan.hubs.map((g) => h('li', {}, h('strong', {}, g.hub), `: ${g.members.join(', ')}`)),
      ),
      unresolvedNote(plan),
    ];
  },
  analyze: async (value) => {
    const a = await call('analyze', { method: 'POST', body: { text: value } });
    return h(
      'article',
      { class: 'card' },
      h(
        'p',
        {},
        `${number(a.stats.words)} words, ${number(a.stats.sentences)} sentences, ${number(a.stats.readingTimeMinutes, 1)} min to read${a.sentiment ? ` · tone: ${a.sentiment.label} (${a.sentiment.score.toFixed(2)})` : ''}`,
      ),
      keywordList(a.keywords),
      a.summary.length
        ? [
            h('h4', {}, 'Summary'),
            h(
              'ul',
              {},
              a.summary.map((s) => h('li', {}, s)),
            ),
          ]
        : '',
    );
  },
  parse: async (value) => {
    const p = await call('parse', { method: 'POST', body: { url: value.trim() } });
    return h(
      'article',
      { class: 'card' },
      h('h3', {}, p.title ?? p.url ?? 'Untitled page'),
      p.description ? h('p', { class: 'muted' }, p.description) : '',
      h(
        'p',
        {},
        `${number(p.wordCount)} words · ${p.headings.length} headings · ${p.links.length} links · ${p.images.length} images${p.lang ? ` · language ${p.lang}` : ''}`,
      ),
      keywordList(p.analysis.keywords),
      p.headings.length
        ? [
            h('h4', {}, 'Headings'),
            h(
              'ul',
              {},
              p.headings.slice(0, 30).map((x) => h('li', { class: `level-${x.level}` }, x.text)),
            ),
          ]
        : '',
      h('h4', {}, 'Readable text'),
      h('p', { class: 'excerpt' }, p.text.slice(0, 1200) + (p.text.length > 1200 ? '…' : '')),
    );
  },
};

const unresolvedNote = (plan) =>
  plan.unresolved.length
    ? h('p', { class: 'notes' }, `Not found: ${plan.unresolved.map((u) => `${u.name} (${u.error.detail})`).join('; ')}`)
    : '';

/** Views whose input is kept in the URL (analyze's text is too long for one). */
const IN_URL = ['city', 'compare', 'route', 'hubs', 'parse'];
/** Views whose input is a list of names. */
const LISTS = ['compare', 'route', 'hubs'];

function select(view, focus) {
  for (const tab of document.querySelectorAll('[data-view]')) {
    const on = tab.dataset.view === view;
    tab.setAttribute('aria-current', on ? 'page' : 'false');
  }
  for (const section of document.querySelectorAll('main > section')) section.hidden = section.id !== `view-${view}`;
  if (focus) $(`#view-${view} textarea, #view-${view} input`)?.focus();
}

async function run(view, value, params, push) {
  select(view, false);
  if (push && IN_URL.includes(view)) {
    const q = new URLSearchParams();
    const list = LISTS.includes(view) ? names(value) : [value.trim()];
    // comma-separated, or the parameter once per name when a name has a comma (as /compare takes them)
    if (list.some((n) => n.includes(','))) for (const n of list) q.append(view, n);
    else q.set(view, list.join(','));
    for (const extra of ['round', 'k']) if (params.get(extra)) q.set(extra, params.get(extra));
    history.pushState(null, '', `?${q}`);
  }
  await show($(`#view-${view} output`), () => VIEWS[view](value, params));
}

function readForm(form) {
  const data = new FormData(form);
  const params = new URLSearchParams();
  if (data.get('round')) params.set('round', '1');
  if (data.get('k')) params.set('k', String(data.get('k')));
  return { value: String(data.get('q') ?? ''), params };
}

/**
 * The names a list parameter carries: the parameter once per name, or one value split at its
 * commas. Where the value has commas as they are and commas written %2C, only the former
 * separate names (`?route=Toronto,Washington%2C%20D.C.`); where all are written %2C, all do.
 */
function listFromUrl(view, params) {
  const values = params.getAll(view);
  if (values.length > 1) return values;
  const raw = location.search
    .slice(1)
    .split('&')
    .find((p) => p.split('=')[0] === view)
    ?.slice(view.length + 1);
  if (raw?.includes(',')) {
    try {
      return raw
        .split(',')
        .map((s) => decodeURIComponent(s.replace(/\+/g, ' ')).trim())
        .filter(Boolean);
    } catch {} // a malformed escape: as URLSearchParams reads it
  }
  return names(values[0]);
}

/** Opens the view that the URL names, with its input filled in, as a shared link shows it. */
function fromUrl() {
  const params = new URLSearchParams(location.search);
  const view = IN_URL.find((v) => params.has(v));
  if (!view) return select('city', false);
  const form = $(`#view-${view} form`);
  const value = LISTS.includes(view) ? listFromUrl(view, params).join('\n') : params.get(view);
  form.elements.q.value = value;
  if (form.elements.round) form.elements.round.checked = params.get('round') === '1';
  if (form.elements.k) form.elements.k.value = params.get('k') ?? '';
  run(view, value, params, false);
}

for (const tab of document.querySelectorAll('[data-view]')) {
  tab.addEventListener('click', (event) => {
    event.preventDefault();
    select(tab.dataset.view, true);
  });
}
for (const form of document.querySelectorAll('main form')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { value, params } = readForm(form);
    if (value.trim()) run(form.dataset.for, value, params, true);
  });
}
addEventListener('popstate', fromUrl);
fromUrl();
