/**
 * Everything the metrics module reports about one Server, in the Prometheus text format: it hears the
 * component tree through one Container.InheritedListener (StatisticsHandlers, SessionHandlers, also those
 * of web apps deployed later) and the request and store events through `diagnostics_channel`.
 * @module
 */
import { Container } from '../util/component/container';
import { AbstractLifeCycle } from '../util/component/abstract-life-cycle';
import { StatisticsHandler } from '../server/handler/statistics-handler';
import { SessionHandler } from '../session/session-handler';
import { EventLoopMetrics } from './event-loop-metrics';
import { PrometheusTextWriter } from './prometheus-text';
import { RequestMetrics } from './request-metrics';
import { SessionStoreMetrics } from './session-store-metrics';
import { writeSessionCacheMetrics } from './session-cache-metrics';
import { writeSessionMetrics } from './session-metrics';
import { writeStoreStateMetrics } from './store-state-metrics';

/** The part of a Server the metrics need: a container to listen to. */
export type MetricsServer = Pick<Container, 'addEventListener' | 'removeEventListener'>;

/** Tracks the components of the tree that metrics read, as they come and go. */
class ComponentTracker implements Container.InheritedListener {
  readonly [Container.INHERITED] = true as const;
  readonly statistics = new Set<StatisticsHandler>();
  readonly sessionHandlers = new Set<SessionHandler>();

  beanAdded(_parent: Container, child: unknown): void {
    if (child instanceof StatisticsHandler) this.statistics.add(child);
    else if (child instanceof SessionHandler) this.sessionHandlers.add(child);
  }

  beanRemoved(_parent: Container, child: unknown): void {
    if (child instanceof StatisticsHandler) this.statistics.delete(child);
    else if (child instanceof SessionHandler) this.sessionHandlers.delete(child);
  }
}

/**
 * Started, it subscribes to the request end and session store channels and samples the event-loop
 * delay; `scrape()` then writes every metric. Stopped, it lets go of all of them.
 */
export class ServerMetrics extends AbstractLifeCycle {
  private readonly _tracker = new ComponentTracker();
  private readonly _requests = new RequestMetrics();
  private readonly _stores = new SessionStoreMetrics();
  private readonly _eventLoop = new EventLoopMetrics();

  constructor(private readonly _server: MetricsServer) {
    super();
  }

  /**
   * What the components hold now, for a server without the metrics module (`--dump`): the counters the
   * StatisticsHandler, the session handlers and the stores keep; nothing that needs the events.
   */
  static snapshot(server: MetricsServer): string {
    const metrics = new ServerMetrics(server);
    server.addEventListener(metrics._tracker);
    try {
      return metrics.writeHeld(new PrometheusTextWriter()).toString();
    } finally {
      server.removeEventListener(metrics._tracker);
    }
  }

  protected override async doStart(): Promise<void> {
    this._server.addEventListener(this._tracker);
    this._requests.start();
    this._stores.start();
    this._eventLoop.start();
  }

  protected override async doStop(): Promise<void> {
    this._eventLoop.stop();
    this._stores.stop();
    this._requests.stop();
    this._server.removeEventListener(this._tracker);
  }

  /** Every metric, in the text format. */
  scrape(): string {
    const out = new PrometheusTextWriter();
    this._requests.write(out, [...this._tracker.statistics]);
    this.writeHeld(out);
    this._stores.write(out);
    this._eventLoop.write(out);
    return out.toString();
  }

  /** The metrics read from the components (sessions, caches, stores): those a snapshot has too. */
  private writeHeld(out: PrometheusTextWriter): PrometheusTextWriter {
    const handlers = [...this._tracker.sessionHandlers];
    writeSessionMetrics(out, handlers);
    writeSessionCacheMetrics(out, handlers);
    writeStoreStateMetrics(out, handlers);
    return out;
  }

  /** Its state, then the samples of a scrape now (histogram buckets left out: their _sum and _count stay). */
  dump(indent = ''): string {
    const lines = [`${indent}${this.toString()}`];
    if (this.isRunning()) lines.push(...dumpSamples(this.scrape()).map((l) => `${indent}+- ${l}`));
    return lines.join('\n');
  }

  override toString(): string {
    return `ServerMetrics@${this.getState()}`;
  }
}

/** The sample lines of an exposition, without comments and histogram buckets. */
export function dumpSamples(exposition: string): string[] {
  return exposition.split('\n').filter((l) => l !== '' && !l.startsWith('#') && !/^\w+_bucket\{/.test(l));
}
