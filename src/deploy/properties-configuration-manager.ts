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
  getFile(): string | null { return this._file; }

  @Expose('String', 'String')
  put(name: string, value: string): void { this._map.set(name, value); }

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

/** Reads the `java.util.Properties` text format: `k=v`, `k: v`, `k v`, comments, continuations, escapes. */
export function parseJavaProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i].replace(/^[ \t\f]+/, '');
    }
    let k = 0;
    let key = '';
    for (; k < line.length; k++) {
      const c = line[k];
      if (c === '\\' && k + 1 < line.length) { key += unescape(line[++k]); continue; }
      if (c === '=' || c === ':' || c === ' ' || c === '\t' || c === '\f') break;
      key += c;
    }
    let rest = line.slice(k).replace(/^[ \t\f]*/, '');
    if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.slice(1).replace(/^[ \t\f]*/, '');
    out.set(key, rest.replace(/\\u([0-9a-fA-F]{4})|\\(.)/g, (_m, u: string | undefined, c: string | undefined) =>
      u ? String.fromCharCode(parseInt(u, 16)) : unescape(c!)));
  }
  return out;
}

function unescape(c: string): string {
  switch (c) {
    case 't': return '\t';
    case 'n': return '\n';
    case 'r': return '\r';
    case 'f': return '\f';
    default: return c;
  }
}
