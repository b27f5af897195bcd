/**
 * Deploys the web apps found in the monitored folder: context XML files, app folders and (refused,
 * with a clear message) `.war` archives (org.eclipse.jetty.deploy.providers.WebAppProvider).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Expose, JettyClass } from '../../ioc/metadata';
import { PierError } from '../../util/errors';
import { WebAppContext } from '../../webapp/web-app-context';
import type { App } from '../app';
import type { ConfigurationManager } from '../configuration-manager';
import { applyContextXml } from '../context-xml';
import { DeployableContext, isDeployableContext } from '../deployable-context';
import { ScanningAppProvider, toPath } from './scanning-app-provider';

/** Names that are never apps: hidden files, editor backups and version-control folders. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('.') || lower.endsWith('~') || lower.endsWith('.bak') || lower.startsWith('#') || lower === 'cvs' || lower === 'cvsroot';
}

/**
 * The context path of a folder or war: the name without `.war`; `root` (any case) is `/`;
 * `root-<vhost>` is `/` for virtual host `<vhost>`; anything else is `/<name>`.
 */
export function contextPathOf(fileName: string): { contextPath: string; virtualHost: string | null } {
  let name = fileName.toLowerCase().endsWith('.war') ? fileName.slice(0, -4) : fileName;
  if (name.toLowerCase() === 'root') return { contextPath: '/', virtualHost: null };
  if (name.toLowerCase().startsWith('root-')) return { contextPath: '/', virtualHost: name.slice(5) };
  if (!name.startsWith('/')) name = `/${name}`;
  return { contextPath: name, virtualHost: null };
}

/**
 * Jetty's WebAppProvider, as `etc/jetty-deploy.xml` configures it: `monitoredDirName`,
 * `defaultsDescriptor`, `scanInterval`, `extractWars`, `parentLoaderPriority`, `configurationClasses`,
 * `tempDir`, `configurationManager` (a PropertiesConfigurationManager whose entries are properties of
 * every context XML).
 *
 * What counts as an app (direct children of the monitored folder): `*.xml` context files, `*.war`
 * files and folders. Ignored: hidden names (`.foo`, `.#foo`), backups (`foo~`, `foo.bak`), `CVS`,
 * `CVSROOT`, `*.d` folders, and a folder `foo/` when `foo.xml` or `foo.war` exists (the XML, or the war,
 * is the app then: it deploys once). A war next to `foo.xml` is redeployed through the XML when it
 * changes. A context XML runs with the id `Server` and the properties `jetty.home(.uri)`,
 * `jetty.base(.uri)`, `jetty.webapp`, `jetty.webapps(.uri)` and the configuration manager's entries;
 * a WebAppContext it creates first receives this provider's defaults, then the XML's own `<Set>`s.
 */
@JettyClass('org.eclipse.jetty.deploy.providers.WebAppProvider', { implements: ['org.eclipse.jetty.deploy.AppProvider'] })
export class WebAppProvider extends ScanningAppProvider {
  private _extractWars = false;
  private _parentLoaderPriority = false;
  private _defaultsDescriptor: string | null = null;
  private _configurationClasses: string[] | null = null;
  private _tempDir: string | null = null;
  private _configurationManager: ConfigurationManager | null = null;

  constructor() {
    super();
    this.setScanInterval(0); // WebAppProvider's own default; etc/jetty-deploy.xml sets 1
  }

  @Expose('boolean') setExtractWars(extract: boolean): void {
    this._extractWars = extract;
  }
  @Expose() isExtractWars(): boolean {
    return this._extractWars;
  }
  @Expose('boolean') setParentLoaderPriority(priority: boolean): void {
    this._parentLoaderPriority = priority;
  }
  @Expose() isParentLoaderPriority(): boolean {
    return this._parentLoaderPriority;
  }
  @Expose('String') setDefaultsDescriptor(descriptor: string | null): void {
    this._defaultsDescriptor = descriptor ? descriptor.trim() : null;
  }
  @Expose() getDefaultsDescriptor(): string | null {
    return this._defaultsDescriptor;
  }
  @Expose('String[]') setConfigurationClasses(classes: string[] | null): void {
    this._configurationClasses = classes ? [...classes] : null;
  }
  @Expose() getConfigurationClasses(): string[] | null {
    return this._configurationClasses ? [...this._configurationClasses] : null;
  }
  @Expose('java.io.File') setTempDir(dir: unknown): void {
    this._tempDir = dir === null ? null : toPath(dir);
  }
  @Expose() getTempDir(): string | null {
    return this._tempDir;
  }
  @Expose('org.eclipse.jetty.deploy.ConfigurationManager')
  setConfigurationManager(manager: ConfigurationManager | null): void {
    this._configurationManager = manager;
  }
  @Expose() getConfigurationManager(): ConfigurationManager | null {
    return this._configurationManager;
  }

  protected accept(dir: string, name: string): boolean {
    if (isIgnoredName(name)) return false;
    const file = path.join(dir, name);
    if (this.getMonitoredResources().includes(file)) return false;
    let isDir: boolean;
    try {
      isDir = fs.statSync(file).isDirectory();
    } catch {
      return false;
    }
    const lower = name.toLowerCase();
    if (isDir) {
      if (lower.endsWith('.d')) return false;
      return !siblingExists(dir, name, ['.war', '.WAR', '.xml', '.XML']);
    }
    return lower.endsWith('.war') || lower.endsWith('.xml');
  }

  protected override async fileAdded(file: string): Promise<void> {
    if (this.isShadowedByXml(file)) return;
    await super.fileAdded(file);
  }

  protected override async fileChanged(file: string): Promise<void> {
    const xml = this.shadowingXml(file);
    if (xml) {
      if (file.toLowerCase().endsWith('.war')) await super.fileChanged(xml);
      return;
    }
    await super.fileChanged(file);
  }

  private isShadowedByXml(file: string): boolean {
    return this.shadowingXml(file) !== null;
  }

  /** For a war or folder `foo`, the `foo.xml` next to it, if any. */
  private shadowingXml(file: string): string | null {
    const name = path.basename(file);
    if (name.toLowerCase().endsWith('.xml')) return null;
    const base = name.toLowerCase().endsWith('.war') ? name.slice(0, -4) : name;
    for (const ext of ['.xml', '.XML']) {
      const xml = path.join(path.dirname(file), base + ext);
      if (fs.existsSync(xml)) return xml;
    }
    return null;
  }

  /** Applies this provider's defaults to a WebAppContext (Jetty's initializeWebAppContextDefaults). */
  initializeWebAppContextDefaults(webapp: WebAppContext): void {
    if (this._defaultsDescriptor) webapp.setDefaultsDescriptor(this._defaultsDescriptor);
    webapp.setExtractWAR(this._extractWars);
    webapp.setParentLoaderPriority(this._parentLoaderPriority);
    if (this._configurationClasses) webapp.setConfigurationClasses(this._configurationClasses);
    if (this._tempDir) webapp.setTempDirectory(this._tempDir);
  }

  async createContextHandler(app: App): Promise<DeployableContext> {
    const file = path.resolve(app.getOriginId());
    if (!fs.existsSync(file)) throw new PierError(`Cannot deploy '${file}': it does not exist`);
    if (fs.statSync(file).isFile() && file.toLowerCase().endsWith('.xml')) {
      const server = this.getDeploymentManager()?.getServer() ?? null;
      const properties = this._configurationManager ? this._configurationManager.getProperties() : new Map<string, string>();
      const obj = await applyContextXml(file, {
        server,
        properties,
        initializeDefaults: (o: unknown) => {
          if (o instanceof WebAppContext) this.initializeWebAppContextDefaults(o);
        },
      });
      if (!isDeployableContext(obj)) {
        throw new PierError(
          `Cannot deploy '${file}': it configures ${obj === null || obj === undefined ? 'nothing' : `a ${(obj as object).constructor.name}`}, not a ContextHandler`,
        );
      }
      return obj;
    }
    const webapp = new WebAppContext();
    this.initializeWebAppContextDefaults(webapp);
    const { contextPath, virtualHost } = contextPathOf(path.basename(file));
    // as Jetty's WebAppProvider: the folder (or war) name, until web.xml's <display-name> replaces it
    webapp.setDisplayName(path.basename(file).replace(/\.war$/i, ''));
    webapp.setContextPath(contextPath);
    if (virtualHost) webapp.setVirtualHosts([virtualHost]);
    webapp.setWar(file);
    return webapp;
  }
}

function siblingExists(dir: string, name: string, extensions: string[]): boolean {
  return extensions.some((ext) => fs.existsSync(path.join(dir, name + ext)));
}
