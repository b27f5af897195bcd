/**
 * Applies a deployed context XML file (`webapps/foo.xml`) the way Jetty's WebAppProvider does: a new
 * XmlConfiguration per file, with the standard ids and properties and the provider's defaults hook.
 * @module
 */
import type { ClassRegistry } from '../ioc/class-registry';
import { XmlConfiguration } from '../ioc/xml-configuration';

export interface ContextXmlOptions {
  /** The Server (the only id a context XML sees). */
  readonly server: unknown;
  /** The configuration manager's properties (added after the standard ones, so they may override them). */
  readonly properties: Map<string, string>;
  /** Called after each construction (the WebAppContext gets the provider's defaults before its `<Set>`s). */
  readonly initializeDefaults?: (obj: unknown) => void;
  readonly registry?: ClassRegistry;
}

/**
 * Runs `file` and returns the object its root `<Configure class=...>` built. Visible: id `Server`;
 * properties `jetty.home(.uri)`, `jetty.base(.uri)`, `jetty.webapp` (this file), `jetty.webapps(.uri)`
 * (its folder) and the configuration manager's entries; no start properties, no system properties
 * through `<Property>` (use `<SystemProperty>`), as in Jetty.
 */
export async function applyContextXml(file: string, options: ContextXmlOptions): Promise<unknown> {
  const config = new XmlConfiguration(file, {
    idMap: new Map(),
    properties: new Map(),
    registry: options.registry,
    initializeDefaults: options.initializeDefaults,
  });
  config.setJettyStandardIdsAndProperties(options.server, file);
  for (const [k, v] of options.properties) config.getProperties().set(k, v);
  return config.configure();
}
