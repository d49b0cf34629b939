import type { Attributes } from './context.js';
import type { Metrics } from './metrics.js';

/**
 * The metrics in Prometheus' text exposition format 0.0.4, named as OpenTelemetry's
 * Prometheus exporter names them: dots become underscores, the unit is a suffix
 * (`_seconds`), counters end in `_total`, histograms are `_bucket`/`_sum`/`_count`.
 */

const UNIT_SUFFIX: Record<string, string> = { s: '_seconds' };

function metricName(name: string, unit: string): string {
  return name.replace(/[^a-zA-Z0-9_:]/g, '_') + (UNIT_SUFFIX[unit] ?? '');
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labels(attributes: Attributes, extra?: [string, string]): string {
  const parts = Object.entries(attributes).map(
    ([k, v]) => `${k.replace(/[^a-zA-Z0-9_]/g, '_')}="${escapeLabel(String(v))}"`,
  );
  if (extra) parts.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

const num = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : '-Inf');

export function prometheusText(metrics: Metrics): string {
  const lines: string[] = [];
  for (const h of metrics.histograms) {
    const name = metricName(h.name, h.unit);
    lines.push(`# HELP ${name} ${h.description}`, `# TYPE ${name} histogram`);
    for (const p of h.points.values()) {
      let running = 0;
      h.bounds.forEach((bound, i) => {
        running += p.buckets[i] as number;
        lines.push(`${name}_bucket${labels(p.attributes, ['le', num(bound)])} ${running}`);
      });
      lines.push(`${name}_bucket${labels(p.attributes, ['le', '+Inf'])} ${p.count}`);
      lines.push(`${name}_sum${labels(p.attributes)} ${num(p.sum)}`, `${name}_count${labels(p.attributes)} ${p.count}`);
    }
  }
  for (const c of metrics.counters) {
    const name = `${metricName(c.name, c.unit)}_total`;
    lines.push(`# HELP ${name} ${c.description}`, `# TYPE ${name} counter`);
    for (const p of c.points.values()) lines.push(`${name}${labels(p.attributes)} ${p.value}`);
  }
  for (const g of metrics.gauges) {
    const v = g.read();
    if (v === undefined) continue;
    const name = metricName(g.name, g.unit);
    lines.push(`# HELP ${name} ${g.description}`, `# TYPE ${name} gauge`, `${name} ${num(v)}`);
  }
  return `${lines.join('\n')}\n`;
}
