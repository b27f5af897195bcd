/**
 * Makes MemcachedSessionDataMaps (org.eclipse.jetty.memcached.session.MemcachedSessionDataMapFactory), the
 * `sessionDataMapFactory` bean etc/sessions/session-data-cache/xmemcached.xml declares.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import type { SessionDataMap, SessionDataMapFactory } from '../../session-data-map';
import { DEFAULT_OPERATION_TIMEOUT_MS, MemcachedSessionDataMap, type MemcachedAddress } from './memcached-session-data-map';

/** localhost:11211, what Jetty's factory uses when no address is set. */
const DEFAULT_ADDRESS: MemcachedAddress = { getHostString: () => 'localhost', getPort: () => 11211 };

/**
 * Jetty's MemcachedSessionDataMapFactory: `addresses` (InetSocketAddress..., localhost:11211 when unset),
 * `weights` (int[], one per address), `expirySec` (`jetty.session.memcached.expirySec`, 0) and
 * `heartbeats` (`jetty.session.memcached.heartbeats`, true), handed to every map it makes.
 */
@JettyClass('org.eclipse.jetty.memcached.session.MemcachedSessionDataMapFactory', {
  implements: ['org.eclipse.jetty.server.session.SessionDataMapFactory'],
})
export class MemcachedSessionDataMapFactory implements SessionDataMapFactory {
  private _addresses: MemcachedAddress[] = [];
  private _weights: number[] | null = null;
  private _expirySec = 0;
  private _heartbeats = true;
  private _timeoutMs = DEFAULT_OPERATION_TIMEOUT_MS;

  @Expose({ arrayOf: 'java.net.InetSocketAddress' }, { varargs: true })
  setAddresses(addresses: MemcachedAddress[] | null): void {
    this._addresses = [...(addresses ?? [])];
  }
  getAddresses(): MemcachedAddress[] {
    return [...this._addresses];
  }
  @Expose('int[]') setWeights(weights: number[] | null): void {
    this._weights = weights ? [...weights] : null;
  }
  @Expose() getWeights(): number[] | null {
    return this._weights ? [...this._weights] : null;
  }
  @Expose('int') setExpirySec(sec: number): void {
    this._expirySec = sec;
  }
  @Expose() getExpirySec(): number {
    return this._expirySec;
  }
  @Expose('boolean') setHeartbeats(on: boolean): void {
    this._heartbeats = on;
  }
  @Expose() isHeartbeats(): boolean {
    return this._heartbeats;
  }
  /** Pier: the longest wait for one memcached operation (ms, default 500). */
  @Expose('int') setOperationTimeoutMs(ms: number): void {
    this._timeoutMs = ms;
  }
  @Expose() getOperationTimeoutMs(): number {
    return this._timeoutMs;
  }

  getSessionDataMap(): SessionDataMap {
    const addresses = this._addresses.length > 0 ? this._addresses : [DEFAULT_ADDRESS];
    const map = new MemcachedSessionDataMap(addresses, this._weights ?? []);
    map.setExpirySec(this._expirySec);
    map.setHeartbeats(this._heartbeats);
    map.setOperationTimeoutMs(this._timeoutMs);
    return map;
  }
}
