/**
 * Tests of PrometheusTextWriter: what it writes is read back by a Prometheus text-format parser with the
 * same names, labels (escapes included) and values.
 * @module
 */
import { expect } from 'chai';
import { getMetricsFromIterator, type PromData, type PromHistogramData } from 'prom2javascript';
import { Histogram, PrometheusTextWriter, formatValue } from '../../src/metrics';

function parse(text: string): ReturnType<typeof getMetricsFromIterator> {
  return getMetricsFromIterator(text.split('\n')[Symbol.iterator]());
}

describe('PrometheusTextWriter', () => {
  it('writes label values with backslashes, quotes and line feeds escaped, and the parser reads them back', async () => {
    const out = new PrometheusTextWriter().family('pier_x_total', 'counter', 'A help text with a \\ backslash');
    out.sample('pier_x_total', { context: 'a"b\\c\nd' }, 3);
    expect(out.toString()).to.equal(
      '# HELP pier_x_total A help text with a \\\\ backslash\n# TYPE pier_x_total counter\npier_x_total{context="a\\"b\\\\c\\nd"} 3\n',
    );
    const parsed = await parse(out.toString());
    expect((parsed.pier_x_total.data as PromData[])[0]).to.deep.equal({ labels: { context: 'a"b\\c\nd' }, value: 3 });
  });

  it('writes a histogram as cumulative buckets up to +Inf, then its sum and count', async () => {
    const h = new Histogram([0.1, 1]);
    for (const v of [0.05, 0.1, 0.5, 7]) h.observe(v);
    const out = new PrometheusTextWriter().family('pier_h_seconds', 'histogram', 'h').histogram('pier_h_seconds', { store: 'S' }, h.snapshot());
    expect(out.toString().split('\n').slice(2)).to.deep.equal([
      'pier_h_seconds_bucket{store="S",le="0.1"} 2',
      'pier_h_seconds_bucket{store="S",le="1"} 3',
      'pier_h_seconds_bucket{store="S",le="+Inf"} 4',
      'pier_h_seconds_sum{store="S"} 7.65',
      'pier_h_seconds_count{store="S"} 4',
      '',
    ]);
    const series = (await parse(out.toString())).pier_h_seconds.data[0] as PromHistogramData;
    expect(series).to.deep.equal({ labels: { store: 'S' }, buckets: { '0.1': 2, '1': 3, '+Inf': 4 }, sum: 7.65, count: 4 });
  });

  it('leaves out a family that got no samples, and refuses a family written twice', () => {
    const out = new PrometheusTextWriter()
      .family('pier_empty', 'gauge', 'nothing')
      .family('pier_one', 'gauge', 'one')
      .sample('pier_one', undefined, 1);
    expect(out.toString()).to.equal('# HELP pier_one one\n# TYPE pier_one gauge\npier_one 1\n');
    expect(() => out.family('pier_one', 'gauge', 'again')).to.throw("Cannot write metric family 'pier_one' twice: its samples must be together");
  });

  it('formats infinities and NaN as the format spells them', () => {
    expect([Infinity, -Infinity, NaN, 0.25, 1e-7].map(formatValue)).to.deep.equal(['+Inf', '-Inf', 'NaN', '0.25', '1e-7']);
  });
});
