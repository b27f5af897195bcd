/**
 * Watches the direct children of folders and reports stable additions, changes and removals
 * (org.eclipse.jetty.util.Scanner as used by ScanningAppProvider).
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AbstractLifeCycle } from '../util/component/abstract-life-cycle';
import { Log } from '../util/log';

const LOG = Log.getLogger('org.eclipse.jetty.util.Scanner');

/** Receives the scanner's reports; each may be async (the scanner awaits it before the next). */
export interface ScannerListener {
  fileAdded?(file: string): void | Promise<void>;
  fileChanged?(file: string): void | Promise<void>;
  fileRemoved?(file: string): void | Promise<void>;
  /** Called once after every scan cycle, whatever it reported. */
  scanEnded?(cycle: number): void | Promise<void>;
}

/** Decides whether `name` inside `dir` is watched at all. */
export type ScannerFilter = (dir: string, name: string) => boolean;

/** How deep to look into a watched folder entry when fingerprinting it, and how many files at most. */
const MAX_FINGERPRINT_FILES = 2000;

/**
 * Jetty's Scanner, narrowed to what the deployer needs. Every `scanInterval` seconds (0 = only when
 * `scan()` is called) it lists the direct children of each scan dir that pass the filter, and
 * fingerprints each one. A report is made only for an entry that is *stable*: the same fingerprint in
 * two consecutive scans (Jetty's rule, so a file being copied is not deployed half-written). At start the
 * dirs are scanned twice, so existing entries are reported as added at once (reportExistingFilesOnStartup).
 *
 * Fingerprint of a file: its modification time and size. Fingerprint of a folder: the folder's own
 * modification time plus the modification time and size of every file under its `WEB-INF` (bounded);
 * so editing `WEB-INF/web.xml`, `WEB-INF/jetty-web.xml` or a servlet under `WEB-INF/classes` redeploys
 * the app, while static files outside `WEB-INF` (served from disk) do not. Jetty 9.4 only looks at the
 * folder's own time, which misses edits inside it.
 */
export class Scanner extends AbstractLifeCycle {
  private _scanDirs: string[] = [];
  private _scanInterval = 0;
  private _filter: ScannerFilter = () => true;
  private _reportExisting = true;
  private readonly _scanListeners: ScannerListener[] = [];
  private _previous = new Map<string, string>();
  private _reported = new Map<string, string>();
  private _timer: NodeJS.Timeout | undefined;
  private _cycle = 0;
  private _scanning: Promise<void> | undefined;

  setScanDirs(dirs: string[]): void {
    this._scanDirs = dirs.map((d) => path.resolve(d));
  }
  getScanDirs(): string[] {
    return [...this._scanDirs];
  }
  /** Seconds between scans; fractions are allowed (tests), 0 disables periodic scanning. */
  setScanInterval(seconds: number): void {
    this._scanInterval = seconds;
    this.schedule();
  }
  getScanInterval(): number {
    return this._scanInterval;
  }
  setFilenameFilter(filter: ScannerFilter): void {
    this._filter = filter;
  }
  setReportExistingFilesOnStartup(report: boolean): void {
    this._reportExisting = report;
  }
  addListener(listener: ScannerListener): void {
    this._scanListeners.push(listener);
  }
  getScanCycle(): number {
    return this._cycle;
  }

  protected override async doStart(): Promise<void> {
    this._previous = this.snapshot();
    if (this._reportExisting) await this.scan();
    else {
      this._reported = new Map(this._previous);
    }
    this.schedule();
  }

  protected override async doStop(): Promise<void> {
    if (this._timer) clearTimeout(this._timer);
    this._timer = undefined;
    if (this._scanning) await this._scanning.catch(() => undefined);
  }

  private schedule(): void {
    if (this._timer) clearTimeout(this._timer);
    this._timer = undefined;
    if (this._scanInterval <= 0 || !(this.isStarted() || this.isStarting())) return;
    this._timer = setTimeout(
      () => {
        void this.scan().finally(() => this.schedule());
      },
      Math.max(10, Math.round(this._scanInterval * 1000)),
    );
    this._timer.unref();
  }

  /** Runs one scan cycle now and reports the stable differences; scans never overlap. */
  async scan(): Promise<void> {
    while (this._scanning) await this._scanning.catch(() => undefined);
    this._scanning = this.runScan();
    try {
      await this._scanning;
    } finally {
      this._scanning = undefined;
    }
  }

  private async runScan(): Promise<void> {
    const current = this.snapshot();
    const previous = this._previous;
    this._previous = current;
    this._cycle++;
    for (const [file, fp] of current) {
      if (previous.get(file) !== fp) continue; // not stable yet
      const reported = this._reported.get(file);
      if (reported === fp) continue;
      this._reported.set(file, fp);
      await this.report(reported === undefined ? 'fileAdded' : 'fileChanged', file);
    }
    for (const file of [...this._reported.keys()]) {
      if (!current.has(file)) {
        this._reported.delete(file);
        await this.report('fileRemoved', file);
      }
    }
    for (const l of this._scanListeners) await l.scanEnded?.(this._cycle);
  }

  private async report(kind: 'fileAdded' | 'fileChanged' | 'fileRemoved', file: string): Promise<void> {
    for (const l of this._scanListeners) {
      try {
        await l[kind]?.(file);
      } catch (err) {
        LOG.warn(`Cannot report ${kind} '${file}': ${(err as Error).message}`, err);
      }
    }
  }

  /** The accepted direct children of every scan dir with their fingerprints, sorted by path. */
  private snapshot(): Map<string, string> {
    const out = new Map<string, string>();
    for (const dir of this._scanDirs) {
      let names: string[];
      try {
        names = fs.readdirSync(dir).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        if (!this._filter(dir, name)) continue;
        const file = path.join(dir, name);
        const fp = fingerprint(file);
        if (fp !== undefined) out.set(file, fp);
      }
    }
    return out;
  }
}

/** See the class comment: mtime+size for files; the folder's mtime plus its WEB-INF tree for folders. */
export function fingerprint(file: string): string | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (!st.isDirectory()) return `${st.mtimeMs}:${st.size}`;
  const parts = [`d${st.mtimeMs}`];
  const stack = [path.join(file, 'WEB-INF')];
  let seen = 0;
  while (stack.length > 0 && seen < MAX_FINGERPRINT_FILES) {
    const cur = stack.pop()!;
    let s: fs.Stats;
    try {
      s = fs.statSync(cur);
    } catch {
      continue;
    }
    seen++;
    parts.push(`${path.relative(file, cur)}@${s.mtimeMs}:${s.isDirectory() ? 'd' : s.size}`);
    if (s.isDirectory()) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(cur).sort();
      } catch {
        /* unreadable: fingerprint what we have */
      }
      for (const n of names) stack.push(path.join(cur, n));
    }
  }
  return parts.join('|');
}
