/**
 * The request metrics: the StatisticsHandler's counters (module `stats`: requests, responses by status
 * class, requests in flight) and a histogram of request durations fed by `pier.server.request.end`.
 * @module
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import { REQUEST_END_CHANNEL, type RequestEndMessage } from '../server/request-events';
import type { StatisticsHandler } from '../server/handler/statistics-handler';
import { Histogram } from './histogram';
import type { Labels, MetricType, PrometheusTextWriter } from './prometheus-text';

type Reader = (s: StatisticsHandler) => number;

/** The StatisticsHandler's counters as families: name, type, help, and each sample's labels and getter (summed over the handlers). */
const STATISTICS_FAMILIES: ReadonlyArray<readonly [string, MetricType, string, ReadonlyArray<readonly [Labels | undefined, Reader]>]> = [
  ['pier_requests_total', 'counter', 'Requests handled by the StatisticsHandler (module stats)', [[undefined, (s) => s.getRequests()]]],
  [
    'pier_responses_total',
    'counter',
    'Responses by status class, as the StatisticsHandler counts them',
    [
      [{ code: '1xx' }, (s) => s.getResponses1xx()],
      [{ code: '2xx' }, (s) => s.getResponses2xx()],
      [{ code: '3xx' }, (s) => s.getResponses3xx()],
      [{ code: '4xx' }, (s) => s.getResponses4xx()],
      [{ code: '5xx' }, (s) => s.getResponses5xx()],
    ],
  ],
  ['pier_requests_active', 'gauge', 'Requests in flight now', [[undefined, (s) => s.getRequestsActive()]]],
  [
    'pier_requests_active_max',
    'gauge',
    'Most requests in flight at once since the statistics started',
    [[undefined, (s) => s.getRequestsActiveMax()]],
  ],
];

/**
 * Subscribes to the end of every exchange while started; reads the StatisticsHandlers it is given when
 * written. The subscriber is one division and one histogram observation.
 */
export class RequestMetrics {
  private readonly _durations = new Histogram();
  private readonly _onEnd = (message: unknown): void => {
    this._durations.observe((message as RequestEndMessage).durationMs / 1000);
  };

  start(): void {
    diagnosticsChannel.subscribe(REQUEST_END_CHANNEL, this._onEnd);
  }

  stop(): void {
    diagnosticsChannel.unsubscribe(REQUEST_END_CHANNEL, this._onEnd);
  }

  write(out: PrometheusTextWriter, statistics: readonly StatisticsHandler[]): void {
    if (statistics.length > 0) {
      for (const [name, type, help, samples] of STATISTICS_FAMILIES) {
        out.family(name, type, help);
        for (const [labels, read] of samples)
          out.sample(
            name,
            labels,
            statistics.reduce((n, s) => n + read(s), 0),
          );
      }
    }
    out.family(
      'pier_request_duration_seconds',
      'histogram',
      'Time from the start of an exchange to its end (response complete, request logs written)',
    );
    out.histogram('pier_request_duration_seconds', undefined, this._durations.snapshot());
  }
}
