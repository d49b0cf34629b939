// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers of the API, printed field by field

const n = (v: number | null | undefined, unit = '') =>
  typeof v === 'number' ? `${v.toLocaleString('en-US')}${unit}` : '—';

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`).join('\n');
}

/** Readable text for a /cities answer. */
export function formatCity(c: any): string {
  const f = c.facts ?? {};
  const rows: Array<[string, string]> = [
    ['Country', f.country ?? '—'],
    [
      'Population',
      f.population == null ? '—' : `${n(f.population)}${f.populationAsOf ? ` (${f.populationAsOf})` : ''}`,
    ],
    ['Area', n(f.areaKm2, ' km²')],
    ['Elevation', n(f.elevationM, ' m')],
    ['Time zone', [f.timezone, f.utcOffset ? `(UTC${f.utcOffset})` : null].filter(Boolean).join(' ') || '—'],
    ['Coordinates', c.coordinates ? `${c.coordinates.lat}, ${c.coordinates.lon}` : '—'],
    ['Keywords', (c.keywords ?? []).map((k: { term: string }) => k.term).join(', ') || '—'],
    ['Sentiment', c.sentiment ? `${c.sentiment.label} (${c.sentiment.score})` : '—'],
  ];
  const head = `${c.title}${c.description ? ` — ${c.description}` : ''}`;
  const redirect = c.redirectedFrom ? `(redirected from "${c.redirectedFrom}")\n` : '';
  return `${head}\n${redirect}${c.url}\n\n${table(rows)}\n\n${c.summary}\n`;
}

export function formatCompare(b: any): string {
  const names: string[] = b.cities.map((c: any) => c.city?.title ?? c.name);
  const lines = b.cities.map((c: any) =>
    c.city
      ? `${c.city.title}: ${c.city.facts.country ?? '—'}, population ${n(c.city.facts.population)}`
      : `${c.name}: ${c.error.detail}`,
  );
  const width = Math.max(...names.map((x) => x.length)) + 2;
  const head = `${''.padEnd(width)}${names.map((x) => x.slice(0, 12).padStart(13)).join('')}`;
  const rows = b.distancesKm.map(
    (row: Array<number | null>, i: number) =>
      `${(names[i] as string).padEnd(width)}${row.map((d) => (d === null ? '—' : d.toFixed(1)).padStart(13)).join('')}`,
  );
  return `${lines.join('\n')}\n\nDistances (km)\n${head}\n${rows.join('\n')}\n`;
}

export function formatDistance(b: any): string {
  if (b.km === null) return `${b.from.title} → ${b.to.title}: no coordinates for one of them\n`;
  return `${b.from.title} → ${b.to.title}: ${n(b.km, ' km')} (${n(b.miles, ' mi')}), about ${b.hours} h by ${b.mode}\n(${b.assumptions.note})\n`;
}

const unresolved = (list: any[]) =>
  list.length ? `\nNot placed: ${list.map((u) => `${u.name} (${u.error.detail})`).join('; ')}\n` : '';

export function formatRoute(b: any): string {
  const legs = b.legs.map(
    (l: any, i: number) => `${String(i + 1).padStart(3)}. ${l.from} → ${l.to}  ${n(l.km, ' km')}`,
  );
  return `${b.order.join(' → ')}\n\n${legs.join('\n')}\n\nTotal ${n(b.totalKm, ' km')} (${b.algorithm})\n${unresolved(b.unresolved)}`;
}

export function formatHubs(b: any): string {
  const hubs = b.hubs.map((h: any) => `${h.hub} (within ${n(h.maxKm, ' km')}): ${h.members.join(', ')}`);
  const how = b.chosenBy === 'silhouette' ? `k = ${b.k}, chosen by silhouette ${b.silhouette}` : `k = ${b.k}`;
  return `${how}\n\n${hubs.join('\n')}\n${unresolved(b.unresolved)}`;
}

export function formatAnalysis(b: any): string {
  const s = b.stats;
  const rows: Array<[string, string]> = [
    ['Characters', n(s.characters)],
    ['Words', n(s.words)],
    ['Sentences', n(s.sentences)],
    ['Reading time', `${s.readingTimeMinutes} min`],
    ['Keywords', b.keywords.map((k: any) => k.term).join(', ') || '—'],
    ['Sentiment', b.sentiment ? `${b.sentiment.label} (${b.sentiment.score})` : '—'],
  ];
  return `${table(rows)}\n\n${b.summary.join('\n')}\n`;
}

export function formatPage(p: any): string {
  const rows: Array<[string, string]> = [
    ['URL', p.url ?? '—'],
    ['Description', p.description ?? '—'],
    ['Language', p.lang ?? '—'],
    ['Canonical', p.canonical ?? '—'],
    ['Words', n(p.wordCount)],
    ['Headings', String(p.headings.length)],
    ['Links', `${p.links.length} (${p.links.filter((l: any) => l.internal).length} internal)`],
    ['Images', String(p.images.length)],
    ['Keywords', p.analysis.keywords.map((k: any) => k.term).join(', ') || '—'],
    ['Sentiment', p.analysis.sentiment ? p.analysis.sentiment.label : '—'],
  ];
  return `${p.title ?? '(no title)'}\n\n${table(rows)}\n`;
}
