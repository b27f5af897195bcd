/**
 * A ConfigurationManager fed from a Java properties file and `put` calls
 * (org.eclipse.jetty.deploy.PropertiesConfigurationManager).
 * @module
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Expose, JettyClass } from '../ioc/metadata';
import { PierError } from '../util/errors';
import type { ConfigurationManager } from './configuration-manager';
import { parseJavaProperties } from '../util/java-properties';

/**
 * Jetty's PropertiesConfigurationManager, as `etc/jetty-deploy.xml` creates it for the WebAppProvider's
 * `configurationManager`. `<Set name="file">` loads a properties file (read again at every
 * `getProperties()`, so edits apply to the next deployment, as in Jetty), `<Call name="put">` adds one
 * entry; `put` entries win over the file's.
 */
@JettyClass('org.eclipse.jetty.deploy.PropertiesConfigurationManager', {
  implements: ['org.eclipse.jetty.deploy.ConfigurationManager'],
  ctors: [[], [{ name: 'resource', type: 'String' }]],
})
export class PropertiesConfigurationManager implements ConfigurationManager {
  private _file: string | null = null;
  private readonly _map = new Map<string, string>();

  constructor(resource?: string) {
    if (resource !== undefined && resource !== null) this.setFile(resource);
  }

  /** The properties file (a path or a `file:` URL). */
  @Expose('String')
  setFile(resource: string | null): void {
    this._file = resource && resource.startsWith('file:') ? fileURLToPath(resource) : resource;
  }

  @Expose()
  getFile(): string | null {
    return this._file;
  }

  @Expose('String', 'String')
  put(name: string, value: string): void {
    this._map.set(name, value);
  }

  @Expose()
  getProperties(): Map<string, string> {
    const props = new Map<string, string>();
    if (this._file) {
      let text: string;
      try {
        text = fs.readFileSync(this._file, 'utf8');
      } catch (err) {
        throw new PierError(`Cannot load configuration properties '${this._file}': ${(err as Error).message}`, { cause: err });
      }
      for (const [k, v] of parseJavaProperties(text)) props.set(k, v);
    }
    for (const [k, v] of this._map) props.set(k, v);
    return props;
  }
}
