/**
 * The session store metrics fed by the `pier.session.store.*` channels: a latency histogram per store
 * type, context (path and virtual host) and operation (load, store, delete, expire_scan), and the
 * failures among them.
 * @module
 */
import diagnosticsChannel from 'node:diagnostics_channel';
import {
  SESSION_STORE_DELETE_CHANNEL,
  SESSION_STORE_GET_EXPIRED_CHANNEL,
  SESSION_STORE_LOAD_CHANNEL,
  SESSION_STORE_STORE_CHANNEL,
  type SessionStoreMessage,
} from '../session/session-store-events';
import { contextPathLabel, NO_VHOST } from './context-labels';
import { Histogram } from './histogram';
import type { Labels, PrometheusTextWriter } from './prometheus-text';

/** The operation label of each channel. */
const OPERATIONS: ReadonlyArray<readonly [channel: string, operation: string]> = [
  [SESSION_STORE_LOAD_CHANNEL, 'load'],
  [SESSION_STORE_STORE_CHANNEL, 'store'],
  [SESSION_STORE_DELETE_CHANNEL, 'delete'],
  [SESSION_STORE_GET_EXPIRED_CHANNEL, 'expire_scan'],
];

interface Series {
  readonly labels: Labels;
  readonly latency: Histogram;
  errors: number;
}

export class SessionStoreMetrics {
  /** Keyed by store type, context path and virtual host (joined), then operation. */
  private readonly _series = new Map<string, Map<string, Series>>();
  private readonly _subscribers = OPERATIONS.map(
    ([channel, operation]) => [channel, (message: unknown) => this.record(operation, message as SessionStoreMessage)] as const,
  );

  start(): void {
    for (const [channel, fn] of this._subscribers) diagnosticsChannel.subscribe(channel, fn);
  }

  stop(): void {
    for (const [channel, fn] of this._subscribers) diagnosticsChannel.unsubscribe(channel, fn);
  }

  private record(operation: string, message: SessionStoreMessage): void {
    const context = contextPathLabel(message.contextPath);
    const vhost = message.vhost || NO_VHOST;
    const key = `${message.storeType} ${vhost} ${context}`;
    let byOperation = this._series.get(key);
    if (byOperation === undefined) {
      byOperation = new Map();
      this._series.set(key, byOperation);
    }
    let series = byOperation.get(operation);
    if (series === undefined) {
      series = { labels: { store: message.storeType, context, vhost, operation }, latency: new Histogram(), errors: 0 };
      byOperation.set(operation, series);
    }
    series.latency.observe(message.durationMs / 1000);
    if (message.error !== undefined) series.errors++;
  }

  write(out: PrometheusTextWriter): void {
    const all = [...this._series.values()].flatMap((m) => [...m.values()]);
    out.family(
      'pier_session_store_operation_duration_seconds',
      'histogram',
      'Session store operations (load, store, delete, expire_scan) by store type, context and operation, failed ones included',
    );
    for (const s of all) out.histogram('pier_session_store_operation_duration_seconds', s.labels, s.latency.snapshot());
    out.family('pier_session_store_operation_errors_total', 'counter', 'Session store operations that failed, by store type, context and operation');
    for (const s of all) out.sample('pier_session_store_operation_errors_total', s.labels, s.errors);
  }
}
