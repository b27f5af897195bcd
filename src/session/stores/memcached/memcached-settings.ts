/**
 * The settings of the memcached session data cache, declared once for MemcachedSessionDataMap and
 * MemcachedSessionDataMapFactory and fed by the session-store-cache module's properties through Jetty's
 * xmemcached.xml. The servers (`addresses`, `weights`) are the factory's alone: a map takes them in its
 * constructor, as Jetty's does.
 * @module
 */
import { setting } from '../../store-settings';

/** A memcached server: what `java.net.InetSocketAddress` gives XML. */
export interface MemcachedAddress {
  getHostString(): string;
  getPort(): number;
}

/** How long one operation may wait for memcached (ms) before it counts as failed. */
export const DEFAULT_OPERATION_TIMEOUT_MS = 500;

export const MEMCACHED_SETTINGS = {
  addresses: setting<MemcachedAddress[], MemcachedAddress[] | null>({
    type: { arrayOf: 'java.net.InetSocketAddress' },
    default: [],
    factoryOnly: true,
    varargs: true,
    nestedProperties: ['jetty.session.memcached.host', 'jetty.session.memcached.port'],
    doc: 'The memcached servers (localhost:11211 when none is set)',
    check: (addresses) => [...(addresses ?? [])],
  }),
  weights: setting<number[] | null>({
    type: 'int[]',
    default: null,
    factoryOnly: true,
    doc: 'One weight per server: keys are shared in proportion to them',
    check: (weights) => (weights ? [...weights] : null),
  }),
  expirySec: setting<number>({
    type: 'int',
    default: 0,
    property: 'jetty.session.memcached.expirySec',
    doc: "memcached's expiry of each item, in seconds (0: none)",
  }),
  heartbeats: setting<boolean, boolean, 'is'>({
    type: 'boolean',
    default: true,
    getter: 'is',
    property: 'jetty.session.memcached.heartbeats',
    doc: 'TCP keep-alive probes on idle connections',
  }),
  operationTimeoutMs: setting<number>({
    type: 'int',
    default: DEFAULT_OPERATION_TIMEOUT_MS,
    inJettyXml: false,
    doc: 'The longest one memcached operation may take before memcached counts as away',
  }),
};
