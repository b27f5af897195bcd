/**
 * A fixed-bucket histogram for the metrics module: observations counted in the first bucket whose upper
 * bound they do not exceed, with their sum and count (Prometheus' histogram model).
 * @module
 */

/**
 * What a histogram holds at one moment. `counts[i]` is the number of observations in bucket i alone (not
 * cumulative): at most `bounds[i]` and above the bound before it; the last count (index `bounds.length`)
 * is those above every bound. SessionStatistics' lifetime buckets have this shape too.
 */
export interface HistogramSnapshot {
  readonly bounds: readonly number[];
  readonly counts: readonly number[];
  readonly sum: number;
  readonly count: number;
}

/** Request and store latencies in seconds: 0.5 ms to 10 s, about three per decade. */
export const LATENCY_BUCKETS_SEC: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One histogram series. observe() is a short scan of the bounds and two additions: no allocation. */
export class Histogram {
  private readonly _counts: number[];
  private _sum = 0;
  private _count = 0;

  constructor(private readonly _bounds: readonly number[] = LATENCY_BUCKETS_SEC) {
    this._counts = new Array<number>(_bounds.length + 1).fill(0);
  }

  observe(value: number): void {
    const bounds = this._bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this._counts[i]++;
    this._sum += value;
    this._count++;
  }

  snapshot(): HistogramSnapshot {
    return { bounds: this._bounds, counts: [...this._counts], sum: this._sum, count: this._count };
  }
}
