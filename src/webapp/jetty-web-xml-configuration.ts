/**
 * Applies a web app's own Jetty XML (`WEB-INF/jetty8-web.xml`, `WEB-INF/jetty-web.xml` or
 * `WEB-INF/web-jetty.xml`, the first that exists) to its WebAppContext
 * (org.eclipse.jetty.webapp.JettyWebXmlConfiguration).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClassRegistry } from '../ioc/class-registry';
import { XmlConfiguration } from '../ioc/xml-configuration';

/** The file names Jetty 9.4 looks for in WEB-INF, in order (only the first existing one is applied). */
export const JETTY_WEB_XML_NAMES: readonly string[] = ['jetty8-web.xml', 'jetty-web.xml', 'web-jetty.xml'];

/** The first existing jetty-web.xml variant under `webInf`, or null. */
export function findJettyWebXml(webInf: string): string | null {
  for (const name of JETTY_WEB_XML_NAMES) {
    const f = path.join(webInf, name);
    if (fs.existsSync(f) && fs.statSync(f).isFile()) return f;
  }
  return null;
}

/**
 * Jetty's JettyWebXmlConfiguration. It runs after the context XML and before the descriptors are
 * applied (so web.xml wins over it for what both set). Its XmlConfiguration has the id `Server` and the
 * properties `jetty.home(.uri)`, `jetty.base(.uri)`, `web-inf`, `web-inf.uri` and `this.web-inf.url`;
 * it configures the existing context (`<Configure class>` must be a supertype of it; `<Arg>`s are
 * ignored) and looks classes up in the app's own registry, so it can instantiate classes the app
 * registered.
 */
export class JettyWebXmlConfiguration {
  /** Applies the app's jetty-web.xml to `context`, if there is one; returns the file applied or null. */
  static apply(context: object, webInf: string, server: unknown, registry?: ClassRegistry): string | null {
    const file = findJettyWebXml(webInf);
    if (!file) return null;
    const config = new XmlConfiguration(file, { idMap: new Map(), properties: new Map(), registry });
    config.setJettyStandardIdsAndProperties(server);
    const uri = pathToFileURL(webInf).href;
    config.getProperties().set('web-inf', webInf);
    config.getProperties().set('web-inf.uri', uri);
    config.getProperties().set('this.web-inf.url', uri);
    config.configure(context);
    return file;
  }
}
