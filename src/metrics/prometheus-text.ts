/**
 * Writes metrics in the Prometheus text exposition format (version 0.0.4): a `# HELP` and a `# TYPE` line
 * per family, then its samples, label values escaped and numbers written as Prometheus reads them.
 * @module
 */
import type { HistogramSnapshot } from './histogram';

/** The content type of the text format, as Prometheus asks for it. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

/** Label names to values; a sample without labels passes none. */
export type Labels = Readonly<Record<string, string>>;

/** A number as the format writes it: `+Inf`, `-Inf`, `NaN`, or JavaScript's shortest round-trip form. */
export function formatValue(n: number): string {
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (Number.isNaN(n)) return 'NaN';
  return String(n);
}

/** A label value with `\`, `"` and line feeds escaped. */
export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A HELP text with `\` and line feeds escaped. */
function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function labelText(labels: Labels | undefined, extra?: readonly [string, string]): string {
  const parts: string[] = [];
  if (labels) for (const k of Object.keys(labels)) parts.push(`${k}="${escapeLabelValue(labels[k])}"`);
  if (extra) parts.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/**
 * Collects families and their samples. A family is written only when it has samples, so a metric whose
 * source is absent (no file store, no StatisticsHandler) leaves no empty header behind.
 */
export class PrometheusTextWriter {
  private readonly _out: string[] = [];
  private _header: string | null = null;
  private readonly _names = new Set<string>();

  /** Starts a family; the samples that follow belong to it. A name may start only one family. */
  family(name: string, type: MetricType, help: string): this {
    if (this._names.has(name)) throw new Error(`Cannot write metric family '${name}' twice: its samples must be together`);
    this._names.add(name);
    this._header = `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;
    return this;
  }

  /** One sample line `name{labels} value` of the current family. */
  sample(name: string, labels: Labels | undefined, value: number): this {
    this.writeHeader();
    this._out.push(`${name}${labelText(labels)} ${formatValue(value)}\n`);
    return this;
  }

  /** A histogram series of the current family: cumulative `_bucket` lines up to `le="+Inf"`, then `_sum` and `_count`. */
  histogram(name: string, labels: Labels | undefined, h: HistogramSnapshot): this {
    this.writeHeader();
    let cumulative = 0;
    for (let i = 0; i < h.bounds.length; i++) {
      cumulative += h.counts[i];
      this._out.push(`${name}_bucket${labelText(labels, ['le', formatValue(h.bounds[i])])} ${cumulative}\n`);
    }
    this._out.push(`${name}_bucket${labelText(labels, ['le', '+Inf'])} ${h.count}\n`);
    this._out.push(`${name}_sum${labelText(labels)} ${formatValue(h.sum)}\n`);
    this._out.push(`${name}_count${labelText(labels)} ${h.count}\n`);
    return this;
  }

  private writeHeader(): void {
    if (this._header === null) return;
    this._out.push(this._header);
    this._header = null;
  }

  toString(): string {
    return this._out.join('');
  }
}
