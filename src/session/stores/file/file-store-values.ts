/**
 * The values the file store's settings take: a folder given as a path, URL or File, a durability mode,
 * a checkpoint period and a backlog bound, each parsed or checked with a message that names the setting.
 * @module
 */

/** A file path given as a string, a URL, or a Java-ish File object from XML coercion. */
export type FileLike = string | URL | { getPath?(): string; path?: string; toString(): string };

/** The path a FileLike names. */
export function fileLikePath(f: FileLike): string {
  if (typeof f === 'string') return f;
  if (f instanceof URL) return f.protocol === 'file:' ? decodeURIComponent(f.pathname) : f.toString();
  if (typeof f.getPath === 'function') return f.getPath();
  if (typeof f.path === 'string') return f.path;
  return String(f);
}

/**
 * When a write is durable, and what it costs:
 * - `journal` (default): appended to the store's journal and fdatasync'd together with every write that
 *   arrived meanwhile; the session file itself is written at the next checkpoint (every
 *   `checkpointPeriodMs`, at stop, and replayed at start after a crash). Survives a power cut.
 * - `file`: the session file is written (temporary file, fsync, rename, folder fsync) before the request
 *   ends. Survives a power cut; one fsync'd file per write.
 * - `os`: the session file is written (temporary file, rename) and left to the operating system to flush,
 *   which is what Jetty 9.4's FileSessionDataStore does. Survives a crash of the process, not a power cut.
 */
export type FileStoreDurability = 'journal' | 'file' | 'os';
const DURABILITIES: readonly FileStoreDurability[] = ['journal', 'file', 'os'];

/** The durability a configuration names (case and spaces ignored), or a RangeError that lists the choices. */
export function parseDurability(mode: string): FileStoreDurability {
  const m = String(mode).trim().toLowerCase() as FileStoreDurability;
  if (!DURABILITIES.includes(m)) throw new RangeError(`Cannot set durability '${mode}': expected one of ${DURABILITIES.join(', ')}`);
  return m;
}

/** A backlog bound in bytes (1 or more), or a RangeError. */
export function checkBacklogBytes(bytes: number): number {
  if (!Number.isSafeInteger(bytes) || bytes < 1)
    throw new RangeError(`Cannot set maxCheckpointBacklogBytes to ${bytes}: expected a whole number of bytes, 1 or more`);
  return bytes;
}

/** A checkpoint period in ms (0 or more), or a RangeError. */
export function checkCheckpointPeriodMs(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Cannot set checkpointPeriodMs to ${ms}: expected 0 or more milliseconds`);
  return ms;
}
