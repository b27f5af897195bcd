/**
 * Base of the providers that watch a folder and report what appears, changes and disappears in it
 * (org.eclipse.jetty.deploy.providers.ScanningAppProvider).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Expose, JettyClass } from '../../ioc/metadata';
import { ContainerLifeCycle } from '../../util/component/container-life-cycle';
import { PierError } from '../../util/errors';
import { Log } from '../../util/log';
import { App } from '../app';
import type { AppProvider } from '../app-provider';
import type { DeployableContext } from '../deployable-context';
import type { DeploymentManager } from '../deployment-manager';
import { Scanner, ScannerFilter } from '../scanner';

const LOG = Log.getLogger('org.eclipse.jetty.deploy.providers.ScanningAppProvider');

/** A Resource, a file: URL or a path, as XML may pass to `monitoredDirResource`. */
export function toPath(resource: unknown): string {
  if (typeof resource === 'string') return resource.startsWith('file:') ? fileURLToPath(resource) : resource;
  const r = resource as { getFile?: () => unknown; getPath?: () => unknown; toString(): string } | null;
  if (r && typeof r.getFile === 'function') return toPath(r.getFile());
  if (r && typeof r.getPath === 'function') return toPath(r.getPath());
  if (r instanceof URL) return fileURLToPath(r);
  throw new TypeError(`Cannot use '${String(resource)}' as a monitored directory: expected a path, a file: URL or a Resource`);
}

/**
 * Jetty's ScanningAppProvider: `monitoredDirName` / `monitoredDirResource` / `monitoredDirectories`
 * name the folders, `scanInterval` (seconds; 0 = scan once at start, no hot deploy) how often to
 * rescan. Additions deploy, changes redeploy (undeploy, then deploy a new App), removals undeploy.
 */
@JettyClass('org.eclipse.jetty.deploy.providers.ScanningAppProvider', {
  abstract: true,
  implements: ['org.eclipse.jetty.deploy.AppProvider'],
})
export abstract class ScanningAppProvider extends ContainerLifeCycle implements AppProvider {
  private _monitored: string[] = [];
  private _scanInterval = 10;
  private _recursive = false;
  private _manager: DeploymentManager | null = null;
  private _scanner: Scanner | null = null;
  protected readonly appMap = new Map<string, App>();
  private _reloadedElsewhere: ((file: string) => boolean) | null = null;

  setDeploymentManager(manager: DeploymentManager): void {
    this._manager = manager;
  }
  getDeploymentManager(): DeploymentManager | null {
    return this._manager;
  }

  @Expose('String')
  setMonitoredDirName(dir: string): void {
    this.setMonitoredDirectories([dir]);
  }
  @Expose()
  getMonitoredDirName(): string | null {
    return this._monitored[0] ?? null;
  }

  @Expose('org.eclipse.jetty.util.resource.Resource')
  setMonitoredDirResource(resource: unknown): void {
    this.setMonitoredDirectories([toPath(resource)]);
  }
  @Expose()
  getMonitoredDirResource(): string | null {
    return this.getMonitoredDirName();
  }

  @Expose('java.util.Collection')
  setMonitoredDirectories(dirs: readonly unknown[]): void {
    if (this.isRunning()) throw new PierError('Cannot change the monitored directories: the provider is running');
    this._monitored = [...dirs].map((d) => path.resolve(toPath(d).trim()));
  }
  @Expose('org.eclipse.jetty.util.resource.Resource[]')
  setMonitoredResources(resources: readonly unknown[]): void {
    this.setMonitoredDirectories(resources);
  }
  @Expose()
  getMonitoredResources(): string[] {
    return [...this._monitored];
  }

  /** Seconds between scans; 0 scans only at start (no hot deploy). */
  @Expose('int')
  setScanInterval(seconds: number): void {
    this._scanInterval = seconds;
    this._scanner?.setScanInterval(seconds);
  }
  @Expose()
  getScanInterval(): number {
    return this._scanInterval;
  }

  /** Accepted for compatibility; only direct children of the monitored folders are apps. */
  @Expose('boolean')
  setRecursive(recursive: boolean): void {
    this._recursive = recursive;
  }
  @Expose()
  isRecursive(): boolean {
    return this._recursive;
  }

  /** Which names in a monitored folder are apps; subclasses define it. */
  protected abstract accept(dir: string, name: string): boolean;

  /** Builds the context handler for an app this provider reported. */
  abstract createContextHandler(app: App): Promise<DeployableContext>;

  protected override async doStart(): Promise<void> {
    if (!this._manager) throw new PierError(`Cannot start ${this.constructor.name}: no DeploymentManager (use DeploymentManager.addAppProvider)`);
    if (this._monitored.length === 0) throw new PierError(`Cannot start ${this.constructor.name}: no monitored directory (set monitoredDirName)`);
    for (const dir of this._monitored) {
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        throw new PierError(`Cannot start ${this.constructor.name}: monitored directory '${dir}' does not exist or is not a folder`);
      }
    }
    const scanner = new Scanner();
    scanner.setScanDirs(this._monitored);
    const filter: ScannerFilter = (dir, name) => this.accept(dir, name);
    scanner.setFilenameFilter(filter);
    scanner.setScanInterval(this._scanInterval);
    scanner.setReportExistingFilesOnStartup(true);
    scanner.addListener({
      fileAdded: (f) => this.fileAdded(f),
      fileChanged: (f) => this.fileChanged(f),
      fileRemoved: (f) => this.fileRemoved(f),
    });
    this._scanner = scanner;
    this.addBean(scanner, true);
    // Jetty's line: Deployment monitor [file:///srv/base/webapps/] at interval 1
    LOG.info(
      'Deployment monitor [{}] at interval {}',
      this._monitored.map((d) => pathToFileURL(d.endsWith(path.sep) ? d : d + path.sep).href).join(', '),
      this._scanInterval,
    );
    await super.doStart();
  }

  protected override async doStop(): Promise<void> {
    await super.doStop();
    if (this._scanner) this.removeBean(this._scanner);
    this._scanner = null;
    this.appMap.clear();
  }

  /** Runs one scan now (tests and tools; the timer does this every scanInterval seconds). */
  async scan(): Promise<void> {
    await this._scanner?.scan();
  }

  /**
   * The apps this provider would deploy now, found without starting it: the accepted direct children of
   * the monitored folders, in name order (the session tool reads their contexts offline).
   */
  findApps(): App[] {
    if (!this._manager)
      throw new PierError(`Cannot list the apps of ${this.constructor.name}: no DeploymentManager (use DeploymentManager.addAppProvider)`);
    const apps: App[] = [];
    for (const dir of this._monitored) {
      let names: string[];
      try {
        names = fs.readdirSync(dir).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        if (!this.accept(dir, name)) continue;
        const app = this.createApp(path.join(dir, name));
        if (app) apps.push(app);
      }
    }
    return apps;
  }

  /** The scanner, while started. */
  getScanner(): Scanner | null {
    return this._scanner;
  }

  protected createApp(file: string): App | null {
    return new App(this._manager!, this, file);
  }

  protected async fileAdded(file: string): Promise<void> {
    const app = this.createApp(file);
    if (!app) return;
    this.appMap.set(file, app);
    await this._manager!.addApp(app);
  }

  /**
   * Names the app folders whose changes something else reloads (dev mode, which restarts the same context
   * and keeps its sessions): a change inside one of them then redeploys nothing here, so an edit reloads
   * the app once. Additions and removals are still this provider's. Null gives every change back.
   */
  setReloadedElsewhere(owns: ((file: string) => boolean) | null): void {
    this._reloadedElsewhere = owns;
  }

  protected async fileChanged(file: string): Promise<void> {
    if (this._reloadedElsewhere?.(path.resolve(file)) && this.appMap.has(file)) return;
    const old = this.appMap.get(file);
    this.appMap.delete(file);
    if (old) await this._manager!.removeApp(old);
    await this.fileAdded(file);
  }

  protected async fileRemoved(file: string): Promise<void> {
    const app = this.appMap.get(file);
    this.appMap.delete(file);
    if (app) await this._manager!.removeApp(app);
  }
}
