/**
 * memcached as the L2 cache of session data (org.eclipse.jetty.memcached.session.MemcachedSessionDataMap),
 * through the memjs client (memcached's binary protocol).
 * @module
 */
import * as memjs from 'memjs';
import { JettyClass } from '../../../ioc/metadata';
import { Log } from '../../../util/log';
import { AbstractLifeCycle } from '../../../util/component/abstract-life-cycle';
import { IllegalStateError, UnreadableSessionDataError, UnwritableSessionDataError } from '../../errors';
import type { SessionContext } from '../../session-context';
import type { SessionData } from '../../session-data';
import { decodeSessionData, encodeSessionData, UnencodableValueError } from '../../session-data-codec';
import type { SessionDataMap } from '../../session-data-map';
import { chooseServer } from './weighted-servers';
import { exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from '../../store-settings';
import { MEMCACHED_SETTINGS, type MemcachedAddress } from './memcached-settings';

/** `org.eclipse.jetty.memcached.session`, the logger of Jetty's memcached module. */
export const MEMCACHED_LOG = Log.getLogger('org.eclipse.jetty.memcached.session');

/** memcached's longest key, in bytes; a longer one (a hostile session id) is never sent. */
export const MAX_KEY_BYTES = 250;

/** The part of memjs's client the map uses (a test may hand in its own client). */
export interface MemcachedClient {
  get(key: string): Promise<{ value: Buffer | null }>;
  set(key: string, value: Buffer, options: { expires?: number }): Promise<boolean>;
  delete(key: string): Promise<boolean>;
  close(): void;
}

/**
 * Jetty's MemcachedSessionDataMap. Settings: the servers (`addresses`, with optional `weights`),
 * `expirySec` (memcached's expiry of each item, 0 = none, Jetty's default) and `heartbeats` (true: TCP
 * keep-alive probes on idle connections, where xmemcached sends heartbeat commands). The value is Pier's
 * session document with lastSaved (Jetty stores Java-serialised SessionData without it). Unlike Jetty,
 * whose key is the bare session id, the key is `<canonical context path>_<vhost>_<id>`, so that two
 * contexts sharing a session id keep two entries. Failures reject; CachingSessionDataStore turns them
 * into one WARN and lets the store answer.
 */
@JettyClass('org.eclipse.jetty.memcached.session.MemcachedSessionDataMap', {
  implements: ['org.eclipse.jetty.server.session.SessionDataMap'],
  ctors: [
    [
      { name: 'host', type: 'String' },
      { name: 'port', type: 'String' },
    ],
    [{ name: 'addresses', type: 'List' }],
    [
      { name: 'addresses', type: 'List' },
      { name: 'weights', type: 'int[]' },
    ],
  ],
})
export class MemcachedSessionDataMap extends AbstractLifeCycle implements SessionDataMap {
  private readonly _addresses: { host: string; port: number }[];
  private readonly _weights: number[];
  /** expirySec, heartbeats, operationTimeoutMs (MEMCACHED_SETTINGS; the servers are the constructor's). */
  readonly settings = storeSettingDefaults(MEMCACHED_SETTINGS);
  private _context: SessionContext | null = null;
  private _client: MemcachedClient | null = null;
  private _injected: MemcachedClient | null = null;

  constructor(hostOrAddresses: string | readonly MemcachedAddress[] = 'localhost', portOrWeights: string | number | readonly number[] = 11211) {
    super();
    if (typeof hostOrAddresses === 'string') {
      const port = Number(portOrWeights);
      if (!Number.isInteger(port) || port <= 0 || port > 65535)
        throw new RangeError(`Cannot use memcached port '${String(portOrWeights)}': expected a number from 1 to 65535`);
      this._addresses = [{ host: hostOrAddresses, port }];
      this._weights = [1];
    } else {
      if (hostOrAddresses.length === 0) throw new RangeError('Cannot make a MemcachedSessionDataMap: no memcached address given');
      this._addresses = hostOrAddresses.map((a) => ({ host: a.getHostString(), port: a.getPort() }));
      const w = Array.isArray(portOrWeights) ? (portOrWeights as readonly number[]) : [];
      if (w.length > 0 && w.length !== this._addresses.length) {
        throw new RangeError(`Cannot use memcached weights [${w.join(', ')}]: ${this._addresses.length} addresses need as many weights`);
      }
      this._weights = w.length > 0 ? [...w] : this._addresses.map(() => 1);
    }
  }

  /** The servers, as `host:port` strings, and their weights. */
  getAddresses(): string[] {
    return this._addresses.map((a) => `${a.host}:${a.port}`);
  }
  getWeights(): number[] {
    return [...this._weights];
  }

  /** Pier: uses `client` instead of connecting with memjs (tests, or a client the application configured). */
  setMemcachedClient(client: MemcachedClient): void {
    this._injected = client;
  }
  getMemcachedClient(): MemcachedClient | null {
    return this._client;
  }

  initialize(context: SessionContext): void {
    this._context = context;
  }

  protected override async doStart(): Promise<void> {
    if (!this._context) throw new IllegalStateError('Cannot start MemcachedSessionDataMap: No SessionContext');
    this._client = this._injected ?? this.connect();
  }

  protected override async doStop(): Promise<void> {
    if (this._client && this._client !== this._injected) this._client.close();
    this._client = null;
  }

  /** A memjs client over the configured servers: one attempt plus one retry per operation, no failover. */
  private connect(): MemcachedClient {
    const timeout = this.settings.operationTimeoutMs / 1000;
    const options = { timeout, conntimeout: timeout * 2, keepAlive: this.settings.heartbeats, keepAliveDelay: 30 };
    const servers = this._addresses.map((a) => new memjs.Server(a.host, a.port, undefined, undefined, options));
    const client = new memjs.Client(servers, {
      retries: 2,
      retry_delay: 0.05,
      failover: false,
      expires: 0,
      logger: {
        log: (...args: unknown[]) => {
          if (MEMCACHED_LOG.isDebugEnabled()) MEMCACHED_LOG.debug(args.map(String).join(' '));
        },
      },
    });
    if (servers.length > 1) {
      const weights = this._weights;
      (client as unknown as { getServer(key: string): number }).getServer = (key: string) => chooseServer(key, weights);
    }
    return client as unknown as MemcachedClient;
  }

  private client(): MemcachedClient {
    if (!this._client) throw new IllegalStateError('Cannot use MemcachedSessionDataMap: Not started');
    return this._client;
  }

  /** `<canonical context path>_<vhost>_<id>`, or null when memcached cannot hold such a key. */
  keyOf(id: string): string | null {
    const ctx = this._context;
    if (!ctx) throw new IllegalStateError('Cannot use MemcachedSessionDataMap: No SessionContext');
    const key = `${ctx.getCanonicalContextPath()}_${ctx.getVhost()}_${id}`;
    return Buffer.byteLength(key) <= MAX_KEY_BYTES ? key : null;
  }

  async load(id: string): Promise<SessionData | null> {
    const client = this.client();
    const key = this.keyOf(id);
    if (key === null) return null;
    const { value } = await client.get(key);
    if (!value) return null;
    try {
      const data = decodeSessionData(value);
      if (data.getId() !== id) throw new TypeError(`the cached entry holds session '${data.getId()}'`);
      return data;
    } catch (cause) {
      throw new UnreadableSessionDataError(id, this._context, { cause });
    }
  }

  async store(id: string, data: SessionData): Promise<void> {
    const client = this.client();
    const key = this.keyOf(id);
    if (key === null) return;
    let bytes: Buffer;
    try {
      bytes = encodeSessionData(data, true);
    } catch (err) {
      throw new UnwritableSessionDataError(id, this._context, err instanceof UnencodableValueError ? err.attribute : undefined, { cause: err });
    }
    await client.set(key, bytes, { expires: this.settings.expirySec });
  }

  /** Removes the entry; resolves true whether or not there was one, as Jetty's does. */
  async delete(id: string): Promise<boolean> {
    const client = this.client();
    const key = this.keyOf(id);
    if (key !== null) await client.delete(key);
    return true;
  }

  override toString(): string {
    return `MemcachedSessionDataMap@${this.getAddresses().join(',')}[expirySec=${this.settings.expirySec},heartbeats=${this.settings.heartbeats}]`;
  }
}

// Jetty's setExpirySec/getExpirySec, setHeartbeats/isHeartbeats and Pier's operationTimeoutMs, from MEMCACHED_SETTINGS
export interface MemcachedSessionDataMap extends Omit<
  StoreSettingAccessors<typeof MEMCACHED_SETTINGS>,
  'setAddresses' | 'getAddresses' | 'setWeights' | 'getWeights'
> {}
exposeStoreSettings(MemcachedSessionDataMap, MEMCACHED_SETTINGS, { fixedWhileRunning: true, side: 'component' });
