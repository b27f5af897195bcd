/**
 * A stand-in for Jetty's NIO selector manager (org.eclipse.jetty.io.SelectorManager), reached by
 * `<Get name="SelectorManager">` in etc/jetty-http.xml; its settings are reported once as not applicable.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { reportNotApplicable } from '../not-applicable';

/** Jetty's SelectorManager: `connectTimeout` (ms, default 15000). */
@JettyClass('org.eclipse.jetty.io.SelectorManager', { abstract: true })
export class SelectorManager {
  private _connectTimeout = 15000;

  @Expose('long')
  setConnectTimeout(ms: number): void {
    this._connectTimeout = ms;
    reportNotApplicable('SelectorManager', 'connectTimeout', ms);
  }
  @Expose()
  getConnectTimeout(): number {
    return this._connectTimeout;
  }
  @Expose()
  getSelectorCount(): number {
    return 1;
  }
}
