/**
 * A UserStore read from a realm properties file (org.eclipse.jetty.security.PropertyUserStore), in
 * Jetty's format, one user a line:
 *
 * ```
 * username: password[,rolename ...]
 * ```
 *
 * The password is clear text, `OBF:` (obfuscated), `MD5:` (hex digest) or `CRYPT:` (Unix crypt). With
 * `hotReload`, the file is watched and read again when it changes; a change that cannot be read keeps
 * the users read before and logs why.
 * @module
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Expose, JettyClass } from '../ioc/metadata';
import { parseJavaPropertyEntries } from '../util/java-properties';
import { Log } from '../util/log';
import { getCredential } from '../util/security/credential';
import { DefaultUserIdentity } from './default-user-identity';
import { RealmFileError } from './errors';
import { UserPrincipal } from './user-principal';
import { UserStore } from './user-store';

const LOG = Log.getLogger('org.eclipse.jetty.security.PropertyUserStore');

/** How often a hot-reloaded realm file is looked at (Jetty's Scanner runs every second). */
const HOT_RELOAD_INTERVAL_MS = 1000;

/** A realm file's users, read whole (a bad line refuses the whole file). */
export function readRealmFile(file: string): Map<string, DefaultUserIdentity> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RealmFileError(
      `Cannot read realm file (${code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message}); ` +
        'set the HashLoginService config to a readable realm.properties (lines of username: password[,role...])',
      { file },
      { cause: err },
    );
  }
  const users = new Map<string, DefaultUserIdentity>();
  for (const e of parseJavaPropertyEntries(text)) {
    const username = e.key.trim();
    if (username === '') continue;
    let credentials = e.value.trim();
    let roles: string[] = [];
    const comma = credentials.indexOf(',');
    if (comma >= 0) {
      roles = credentials
        .slice(comma + 1)
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== '');
      credentials = credentials.slice(0, comma).trim();
    }
    let credential;
    try {
      credential = getCredential(credentials);
    } catch (err) {
      throw new RealmFileError(
        `Cannot read the password of user '${username}': ${(err as Error).message}`,
        { file, line: e.line, column: 1 },
        { cause: err },
      );
    }
    users.set(username, new DefaultUserIdentity(new UserPrincipal(username, credential), roles));
  }
  return users;
}

@JettyClass('org.eclipse.jetty.security.PropertyUserStore')
export class PropertyUserStore extends UserStore {
  private _config: string | null = null;
  private _hotReload = false;
  private _scanner: NodeJS.Timeout | null = null;
  private _lastStamp = '';

  /** The realm file (a path or a file: URL). */
  @Expose('String')
  setConfig(config: string | null): void {
    if (this.isRunning()) throw new Error('Cannot set the realm file of a running PropertyUserStore');
    this._config = config === null ? null : toPath(config);
  }
  @Expose() getConfig(): string | null {
    return this._config;
  }
  /** Jetty 9.4's older names for the realm file. */
  @Expose('String') setConfigPath(config: string | null): void {
    this.setConfig(config);
  }
  @Expose() getConfigPath(): string | null {
    return this._config;
  }

  @Expose('boolean')
  setHotReload(enable: boolean): void {
    if (this.isRunning()) throw new Error('Cannot set hotReload while the user store is running');
    this._hotReload = enable;
  }
  @Expose() isHotReload(): boolean {
    return this._hotReload;
  }

  protected override async doStart(): Promise<void> {
    if (this._config === null) throw new RealmFileError('Cannot start PropertyUserStore: no realm file is set (set config)', { file: '(unset)' });
    this.load();
    if (this._hotReload) {
      // A scan compares the file's stamp with the one load() recorded, as Jetty's Scanner does. fs.watchFile
      // would compare with its own first stat, taken a moment after start: a change made in between was never seen.
      this._scanner = setInterval(() => this.reloadIfChanged(), HOT_RELOAD_INTERVAL_MS);
      this._scanner.unref();
    }
    await super.doStart();
  }

  protected override async doStop(): Promise<void> {
    if (this._scanner !== null) clearInterval(this._scanner);
    this._scanner = null;
    await super.doStop();
  }

  /** Reads the realm file now (also what a hot reload does). */
  load(): void {
    const file = this._config as string;
    const users = readRealmFile(file);
    this._lastStamp = stampOf(file);
    const before = new Set(this._users.keys());
    this._users = users;
    if (this.isStarted()) {
      const removed = [...before].filter((u) => !users.has(u));
      LOG.info(`Reloaded ${file}: ${users.size} users${removed.length ? `, removed ${removed.join(', ')}` : ''}`);
    }
  }

  private reloadIfChanged(): void {
    const file = this._config as string;
    if (stampOf(file) === this._lastStamp) return;
    try {
      this.load();
    } catch (err) {
      LOG.warn(`Kept the users read before: ${(err as Error).message}`);
    }
  }
}

function stampOf(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}:${st.ino}`;
  } catch {
    return 'missing';
  }
}

function toPath(p: string): string {
  const t = p.trim();
  return t.startsWith('file:') ? fileURLToPath(t) : t;
}
