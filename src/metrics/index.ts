/**
 * Pier's metrics (module `metrics`): the server's request, session, store and event-loop metrics in the
 * Prometheus text format, on a listener of their own.
 * @module
 */
export { MetricsConnector, METRICS_DEFAULTS } from './metrics-connector';
export { ServerMetrics, dumpSamples, type MetricsServer } from './server-metrics';
export { PrometheusTextWriter, PROMETHEUS_CONTENT_TYPE, formatValue, escapeLabelValue, type Labels, type MetricType } from './prometheus-text';
export { Histogram, LATENCY_BUCKETS_SEC, type HistogramSnapshot } from './histogram';
