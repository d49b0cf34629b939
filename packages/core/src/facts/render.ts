import { COUNTRY_CODES } from './countries.js';
import { parseTemplate, type Template, templateEnd } from './wikitext.js';

/** Templates whose first positional parameter is what they show. */
const SHOW_FIRST = new Set([
  'nowrap',
  'nobr',
  'small',
  'big',
  'resize',
  'abbr',
  'formatnum',
  'nts',
  'ntsh',
  'sort',
  'sortname',
  'flag country',
  'country',
  'okina',
  'url',
  'nobold',
  'noitalic',
  'plainlink',
  'tooltip',
  'hover title',
  'native name',
  'native phrase',
]);
/** Templates that show a list of their parameters. */
const LISTS = new Set([
  'ubl',
  'unbulleted list',
  'plainlist',
  'plain list',
  'hlist',
  'flatlist',
  'bulleted list',
  'enum',
]);
/** Templates that show nothing a fact could use. */
const SILENT =
  /^(flagicon|flag icon|flagdeco|coord|increase.*|decrease.*|steady.*|efn|efn-.*|refn|sfn|r|rp|citation needed|cn|fact|cite .*|dead link|when|by whom|clarify|webarchive|wikidata|portal)$/;
/** Date templates, shown as an ISO date of the parts given ({{As of|2021|10}} → "2021-10"). */
const DATES = /^(as of|start date|start date and age|end date|date)$/;

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  minus: '−',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  times: '×',
  deg: '°',
  prime: '′',
  Prime: '″',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}

function renderTemplate(t: Template): string {
  const name = t.name;
  const first = t.positional[0] ?? '';
  if (name.startsWith('formatnum:')) return name.slice('formatnum:'.length) || first;
  if (name.startsWith('#')) return '';
  if (SILENT.test(name)) return '';
  if (DATES.test(name)) {
    const [year, ...rest] = t.positional.map((p) => render(p));
    if (!year || !/^\d{3,4}$/.test(year)) return render(first);
    const parts = [year];
    for (const part of rest.slice(0, 2)) {
      if (!/^\d{1,2}$/.test(part)) break;
      parts.push(part.padStart(2, '0'));
    }
    return parts.join('-');
  }
  if (name === 'lang' || name === 'transl') return render(t.positional[1] ?? first);
  if (name === 'convert' || name === 'cvt') return `${first} ${t.positional[1] ?? ''}`;
  if (name === 'flag' || name === 'flagcountry' || name === 'flagu') {
    const shown = render(t.named.get('name') ?? first);
    return COUNTRY_CODES[shown.toLowerCase()] ?? shown;
  }
  if (name === 'ill' || name === 'interlanguage link') return render(first);
  if (name === 'nbsp' || name === '0') return ' ';
  if (name === '!') return '|';
  if (name === 'ndash' || name === 'snd' || name === 'spaced ndash') return ' – ';
  if (name === 'mdash') return '—';
  if (LISTS.has(name)) return t.positional.map(render).filter(Boolean).join(', ');
  if (SHOW_FIRST.has(name)) return render(first);
  const country = COUNTRY_CODES[name];
  if (country && t.positional.length === 0) return country;
  return '';
}

function renderTemplates(text: string): string {
  let out = '';
  let at = 0;
  for (let open = text.indexOf('{{'); open !== -1; open = text.indexOf('{{', at)) {
    const end = templateEnd(text, open);
    if (end === -1) break;
    out += text.slice(at, open) + renderTemplate(parseTemplate(text, open, end));
    at = end;
  }
  return out + text.slice(at);
}

/** Wikitext (one infobox value) to plain text. */
export function render(wikitext: string): string {
  let t = renderTemplates(wikitext);
  t = t
    .replace(/\[\[(?:file|image|media|category):[^[\]]*(?:\[\[[^\]]*\]\][^[\]]*)*\]\]/gi, '')
    .replace(/\[\[([^|\]]*)\|([^\]]*)\]\]/g, '$2')
    .replace(/\[\[([^\]]*)\]\]/g, '$1')
    .replace(/\[(?:https?:)?\/\/[^\s\]]+\s+([^\]]*)\]/g, '$1')
    .replace(/\[(?:https?:)?\/\/[^\s\]]+\]/g, '')
    .replace(/'{2,}/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return decodeEntities(t)
    .replace(/[ \t\u00a0\u2009\u202f]+/g, ' ')
    .replace(/ *\n+ */g, '\n')
    .trim();
}
