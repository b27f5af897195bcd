/**
 * Jetty's org.eclipse.jetty.server.HomeBaseWarning (module home-base-warning): one WARN line when the
 * server runs with jetty.base equal to jetty.home, that is from the installation's own folder.
 * @module
 */
import * as path from 'node:path';
import { JettyClass } from '../ioc/metadata';
import { SystemProperties } from '../ioc/system-properties';
import { Log } from '../util/log';

const LOG = Log.getLogger('org.eclipse.jetty.server.HomeBaseWarning');

/** Made by etc/home-base-warning.xml; the check runs in the constructor, as in Jetty. */
@JettyClass('org.eclipse.jetty.server.HomeBaseWarning', { ctors: [[]] })
export class HomeBaseWarning {
  constructor() {
    const home = SystemProperties.get('jetty.home');
    const base = SystemProperties.get('jetty.base');
    if (home && base && path.resolve(home) === path.resolve(base)) {
      LOG.warn(
        'This instance of Pier is not running from a separate {jetty.base} directory, this is not recommended: create a folder for the base and pass jetty.base=<folder>',
      );
    }
  }
}
