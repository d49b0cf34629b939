/** Readable text for a /cities answer. */
// biome-ignore lint/suspicious/noExplicitAny: a JSON answer of the API, printed field by field
export function formatCity(c: any): string {
  const f = c.facts ?? {};
  const n = (v: number | null | undefined, unit = '') =>
    typeof v === 'number' ? `${v.toLocaleString('en-US')}${unit}` : '—';
  const rows: Array<[string, string]> = [
    ['Country', f.country ?? '—'],
    [
      'Population',
      f.population == null ? '—' : `${n(f.population)}${f.populationAsOf ? ` (${f.populationAsOf})` : ''}`,
    ],
    ['Area', n(f.areaKm2, ' km²')],
    ['Elevation', n(f.elevationM, ' m')],
    ['Time zone', [f.timezone, f.utcOffset ? `UTC${f.utcOffset}` : null].filter(Boolean).join(' ') || '—'],
    ['Coordinates', c.coordinates ? `${c.coordinates.lat}, ${c.coordinates.lon}` : '—'],
    ['Keywords', (c.keywords ?? []).map((k: { term: string }) => k.term).join(', ') || '—'],
    ['Sentiment', c.sentiment ? `${c.sentiment.label} (${c.sentiment.score})` : '—'],
  ];
  const head = `${c.title}${c.description ? ` — ${c.description}` : ''}`;
  const redirect = c.redirectedFrom ? `(redirected from "${c.redirectedFrom}")\n` : '';
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return `${head}\n${redirect}${c.url}\n\n${rows.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`).join('\n')}\n\n${c.summary}\n`;
}
