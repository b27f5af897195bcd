/**
 * The logger of the whole session layer: Jetty 9.4 logs every session class through one logger named
 * after the package, so `org.eclipse.jetty.server.session.LEVEL=DEBUG` shows them all.
 * @module
 */
import { Log } from '../util/log';

/** `org.eclipse.jetty.server.session` (written `oejs.session`). */
export const SESSION_LOG = Log.getLogger('org.eclipse.jetty.server.session');
