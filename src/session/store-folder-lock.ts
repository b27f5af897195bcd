/**
 * One process per session store folder: an exclusive lock on `<folder>/.pier-store.lock` that the kernel
 * releases when the process dies, shared by the stores of one process.
 * @module
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PierError } from '../util/errors';

/** The lock file in a store folder (hidden, no '_': never taken for a session file). */
export const STORE_LOCK_FILE = '.pier-store.lock';

/** Who holds a store folder, as its lock file says (for messages, and for the fallback's staleness check). */
export interface StoreFolderHolder {
  readonly pid: number;
  /** The process's start time in clock ticks after boot (`/proc/<pid>/stat`, field 22), when known. */
  readonly startTicks?: number;
  /** `/proc/sys/kernel/random/boot_id` when the lock was taken, when known. */
  readonly bootId?: string;
  readonly host: string;
  /** When the lock was taken (ISO time). */
  readonly since: string;
  /** What took it first, for example "FileSessionDataStore of context '/shop'". */
  readonly owner: string;
}

/** A live process holds the store folder another component wanted. */
export class StoreFolderLockedError extends PierError {
  constructor(
    readonly folder: string,
    readonly who: string,
    readonly holder: StoreFolderHolder | null,
  ) {
    super(
      `Cannot start ${who}: session store folder '${folder}' is in use by ${describeHolder(holder)}; ` +
        'stop that process first, or give this server its own store folder',
    );
  }
}

function describeHolder(h: StoreFolderHolder | null): string {
  if (h === null) return 'another process';
  return `process ${h.pid} on host '${h.host}' (${h.owner}, since ${h.since})`;
}

/** A share of a folder's lock; the lock goes when the last share of the process is released. */
export interface StoreFolderLock {
  readonly folder: string;
  release(): void;
}

/** How a process holds a folder: `flock`, a kernel lock on the open lock file; `record`, the fallback below. */
type Mechanism = 'flock' | 'record';

interface Held {
  fd: number;
  shares: number;
  mechanism: Mechanism;
}

/** The folders this process holds: real path -> its lock. */
const held = new Map<string, Held>();

function readProc(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** A process's start time in clock ticks after boot, or undefined where /proc has none. */
function startTicksOf(pid: number): number | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return undefined;
  // Field 2 (the command) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

function bootId(): string | undefined {
  return readProc('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

function ownRecord(owner: string): StoreFolderHolder {
  return { pid: process.pid, startTicks: startTicksOf(process.pid), bootId: bootId(), host: os.hostname(), since: new Date().toISOString(), owner };
}

function readHolder(fd: number): StoreFolderHolder | null {
  try {
    const st = fs.fstatSync(fd);
    const buf = Buffer.alloc(Math.min(st.size, 4096));
    fs.readSync(fd, buf, 0, buf.length, 0);
    const v = JSON.parse(buf.toString('utf8')) as StoreFolderHolder;
    return typeof v.pid === 'number' ? v : null;
  } catch {
    return null;
  }
}

function writeHolder(fd: number, holder: StoreFolderHolder | null): void {
  fs.ftruncateSync(fd, 0);
  if (holder !== null) fs.writeSync(fd, `${JSON.stringify(holder)}\n`, 0);
}

/**
 * Takes an exclusive `flock(2)` on the open lock file. Node has no binding for it, so the `flock`
 * command of util-linux (or busybox) takes it on the descriptor this process passes it: a flock belongs
 * to the open file description, which this process keeps open, so the lock outlives the command and
 * the kernel drops it when this process exits or dies. Returns 'taken', 'busy', or 'unavailable' (no
 * `flock` command here).
 */
function flockNonBlocking(fd: number, folder: string): 'taken' | 'busy' | 'unavailable' {
  const r = spawnSync('flock', ['--exclusive', '--nonblock', '3'], { stdio: ['ignore', 'ignore', 'pipe', fd], timeout: 10_000 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return 'unavailable';
  if (r.status === 0) return 'taken';
  if (r.status === 1) return 'busy';
  throw new Error(
    `Cannot lock session store folder '${folder}': flock ended with ${r.error?.message ?? r.status ?? r.signal}: ${String(r.stderr ?? '').trim()}`,
  );
}

/**
 * The fallback where no `flock` command exists: the lock file's record decides. A recorded holder is
 * alive unless the machine rebooted since (boot id), or its pid runs no process, or runs one that started
 * at another time (a pid reused, common after a reboot or in a container). Two processes starting at the
 * same instant could both take the folder: only the flock mechanism rules that out.
 */
function holderIsAlive(h: StoreFolderHolder): boolean {
  const boot = bootId();
  if (h.bootId !== undefined && boot !== undefined && h.bootId !== boot) return false;
  if (h.pid === process.pid) return false;
  const ticks = startTicksOf(h.pid);
  if (ticks !== undefined) return h.startTicks === undefined || h.startTicks === ticks;
  if (fs.existsSync('/proc/self/stat')) return false;
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `folder` (created if missing) for this process, or a share of it when another component of this
 * process holds it already; `who` names the component in messages. Throws StoreFolderLockedError while
 * another live process holds it. `mechanism` is for tests: the default is `flock` where the command
 * exists, else `record`.
 */
export function lockStoreFolder(folder: string, who: string, mechanism?: Mechanism): StoreFolderLock {
  fs.mkdirSync(folder, { recursive: true });
  const real = fs.realpathSync(folder);
  let h = held.get(real);
  if (h === undefined) {
    const fd = fs.openSync(path.join(real, STORE_LOCK_FILE), fs.constants.O_RDWR | fs.constants.O_CREAT, 0o600);
    try {
      let how: Mechanism = mechanism ?? 'flock';
      if (how === 'flock') {
        const r = flockNonBlocking(fd, real);
        if (r === 'busy') throw new StoreFolderLockedError(real, who, readHolder(fd));
        if (r === 'unavailable') how = 'record';
      }
      if (how === 'record') {
        const holder = readHolder(fd);
        if (holder !== null && holderIsAlive(holder)) throw new StoreFolderLockedError(real, who, holder);
      }
      writeHolder(fd, ownRecord(who));
      h = { fd, shares: 0, mechanism: how };
      held.set(real, h);
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
  }
  h.shares++;
  const share = h;
  let released = false;
  return {
    folder: real,
    release(): void {
      if (released) return;
      released = true;
      if (--share.shares > 0 || held.get(real) !== share) return;
      held.delete(real);
      // The file stays (removing a locked file lets a third process lock a new one beside a waiting second).
      try {
        writeHolder(share.fd, null);
      } catch {
        /* the record is only informative */
      }
      fs.closeSync(share.fd);
    },
  };
}
