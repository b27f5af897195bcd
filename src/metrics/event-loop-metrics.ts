/**
 * The event-loop delay (perf_hooks.monitorEventLoopDelay): how late the loop runs its timers, the measure
 * of how busy the one thread serving every request is.
 * @module
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { PrometheusTextWriter } from './prometheus-text';

/** The sampling resolution (ms): Node's timer that measures the delay runs this often. */
const RESOLUTION_MS = 20;
const QUANTILES = [0.5, 0.9, 0.99] as const;

/**
 * Seconds a sample (ns) of Node's histogram ran late. Node records the whole time between two runs of its
 * sampling timer, the resolution included: an idle loop shows 20 ms; the delay is what exceeds it.
 */
function lateness(ns: number): number {
  return Math.max(0, ns - RESOLUTION_MS * 1e6) / 1e9;
}

export class EventLoopMetrics {
  private _histogram: IntervalHistogram | null = null;

  start(): void {
    this._histogram ??= monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this._histogram.enable();
  }

  stop(): void {
    this._histogram?.disable();
  }

  write(out: PrometheusTextWriter): void {
    const h = this._histogram;
    if (h === null || h.count === 0) return;
    out.family(
      'pier_event_loop_delay_seconds',
      'summary',
      `Event-loop delay: how late a timer due every ${RESOLUTION_MS} ms ran, since the metrics started`,
    );
    for (const q of QUANTILES) out.sample('pier_event_loop_delay_seconds', { quantile: String(q) }, lateness(h.percentile(q * 100)));
    out.sample('pier_event_loop_delay_seconds_sum', undefined, lateness(h.mean) * h.count);
    out.sample('pier_event_loop_delay_seconds_count', undefined, h.count);
    out.family('pier_event_loop_delay_max_seconds', 'gauge', 'Longest event-loop delay seen since the metrics started');
    out.sample('pier_event_loop_delay_max_seconds', undefined, lateness(h.max));
  }
}
