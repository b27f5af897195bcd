/**
 * Loaded with `node --require` into a Pier process whose store folder is `PIER_POWER_CUT_DIR`: records,
 * in `PIER_POWER_CUT_LOG` (one JSON object a line), every change the process makes to that folder's
 * files and entries, and every fsync/fdatasync of a file or of the folder with the moment it began and
 * the moment it finished. crash-image.ts rebuilds from this log what a power cut at any point would have
 * left on the disk. Each line is written synchronously when the operation has finished, before the
 * caller sees the result, so nothing a client was told about can be missing from the log.
 *
 * Modelled: `fs.promises.open` (create, truncate, exclusive) and, on the handles it returns, `write`,
 * `writeFile`, `truncate`, `sync`, `datasync`; `fs.promises.rename`, `unlink` and `writeFile`. Any
 * other change to the folder through `fs`/`fs.promises` is logged as `unmodelled` (the suite fails on it).
 * @module
 */
// The module object itself (not an ES namespace copy), so that its functions can be replaced.
import fs = require('node:fs');
import * as path from 'node:path';

/** One line of the log. Files are named relative to the folder ('.' is the folder itself). */
export type RecordedOp =
  | { t: 'init'; files: Record<string, string> }
  | { t: 'open'; h: number; name: string; create: boolean; trunc: boolean; append: boolean }
  | { t: 'write'; h: number; pos: number | null; b64: string }
  | { t: 'truncate'; h: number; len: number }
  | { t: 'sync-begin'; h: number; s: number }
  | { t: 'sync-end'; s: number }
  | { t: 'rename'; from: string; to: string }
  | { t: 'unlink'; name: string }
  | { t: 'unmodelled'; what: string; name: string }
  | { t: 'mark'; [k: string]: unknown };

/** Files the model leaves out: the store folder's lock only says who runs, and holds no session data. */
export const NOT_MODELLED = new Set(['.pier-store.lock']);

function install(dir: string, logFile: string): void {
  const logFd = fs.openSync(logFile, 'a');
  const log = (op: RecordedOp): void => {
    fs.writeSync(logFd, `${JSON.stringify(op)}\n`);
  };
  /** The name of `p` inside the folder, '.' for the folder, or null when it is elsewhere or not modelled. */
  const nameOf = (p: unknown): string | null => {
    if (typeof p !== 'string' && !(p instanceof URL) && !Buffer.isBuffer(p)) return null;
    const full = path.resolve(p instanceof URL ? p.pathname : String(p));
    if (full === dir) return '.';
    if (path.dirname(full) !== dir || NOT_MODELLED.has(path.basename(full))) return null;
    return path.basename(full);
  };

  const files: Record<string, string> = {};
  if (fs.existsSync(dir))
    for (const n of fs.readdirSync(dir)) if (!NOT_MODELLED.has(n)) files[n] = fs.readFileSync(path.join(dir, n)).toString('base64');
  log({ t: 'init', files });

  let handles = 0;
  let syncs = 0;
  const p = fs.promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const real = { open: p.open, rename: p.rename, unlink: p.unlink, writeFile: p.writeFile };

  p.open = async (...args: unknown[]) => {
    const fh = (await real.open(...args)) as fs.promises.FileHandle;
    const name = nameOf(args[0]);
    if (name === null) return fh;
    const flags = args[1] === undefined ? 'r' : args[1];
    const f = typeof flags === 'number' ? flags : fs.constants.O_RDONLY;
    const s = typeof flags === 'string' ? flags : '';
    const h = ++handles;
    log({
      t: 'open',
      h,
      name,
      create: s.includes('w') || s.includes('a') || (f & fs.constants.O_CREAT) !== 0,
      trunc: s.includes('w') || (f & fs.constants.O_TRUNC) !== 0,
      append: s.includes('a') || (f & fs.constants.O_APPEND) !== 0,
    });
    wrapHandle(fh, h);
    return fh;
  };

  function wrapHandle(fh: fs.promises.FileHandle, h: number): void {
    const w = fh as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const write = w.write.bind(fh);
    const writeFile = w.writeFile.bind(fh);
    const truncate = w.truncate.bind(fh);
    w.write = async (...args: unknown[]) => {
      const result = (await write(...args)) as { bytesWritten: number; buffer: Buffer | string };
      const [data, offset, , position] = args;
      if (typeof data === 'string' || !Buffer.isBuffer(data)) {
        log({ t: 'unmodelled', what: 'FileHandle.write of a string or with an options object', name: String(h) });
      } else {
        const from = typeof offset === 'number' ? offset : 0;
        log({
          t: 'write',
          h,
          pos: typeof position === 'number' ? position : null,
          b64: data.subarray(from, from + result.bytesWritten).toString('base64'),
        });
      }
      return result;
    };
    w.writeFile = async (...args: unknown[]) => {
      await writeFile(...args);
      log({ t: 'write', h, pos: null, b64: Buffer.from(args[0] as Buffer | string).toString('base64') });
    };
    w.truncate = async (...args: unknown[]) => {
      await truncate(...args);
      log({ t: 'truncate', h, len: Number(args[0] ?? 0) });
    };
    for (const m of ['sync', 'datasync']) {
      const sync = w[m].bind(fh);
      w[m] = async () => {
        const s = ++syncs;
        log({ t: 'sync-begin', h, s });
        await sync();
        log({ t: 'sync-end', s });
      };
    }
    for (const m of ['writev', 'appendFile', 'chmod', 'utimes']) {
      const other = w[m].bind(fh);
      w[m] = async (...args: unknown[]) => {
        log({ t: 'unmodelled', what: `FileHandle.${m}`, name: String(h) });
        return other(...args);
      };
    }
  }

  p.rename = async (from: unknown, to: unknown) => {
    await real.rename(from, to);
    const a = nameOf(from);
    const b = nameOf(to);
    if (a !== null && b !== null) log({ t: 'rename', from: a, to: b });
    else if (a !== null || b !== null) log({ t: 'unmodelled', what: 'rename across folders', name: String(a ?? b) });
  };
  p.unlink = async (file: unknown) => {
    await real.unlink(file);
    const name = nameOf(file);
    if (name !== null) log({ t: 'unlink', name });
  };
  p.writeFile = async (...args: unknown[]) => {
    await real.writeFile(...args);
    const name = nameOf(args[0]);
    if (name === null) return;
    const h = ++handles;
    log({ t: 'open', h, name, create: true, trunc: true, append: false });
    log({ t: 'write', h, pos: null, b64: Buffer.from(args[1] as Buffer | string).toString('base64') });
  };
  const flag = (api: Record<string, unknown>, m: string, label: string): void => {
    const fn = api[m] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof fn !== 'function') return;
    api[m] = (...args: unknown[]) => {
      const result = fn(...args);
      for (const a of args.slice(0, 2)) {
        const n = nameOf(a);
        if (n !== null) log({ t: 'unmodelled', what: `${label}${m}`, name: n });
      }
      return result;
    };
  };
  for (const m of ['appendFile', 'copyFile', 'cp', 'rm', 'rmdir', 'link', 'symlink', 'truncate']) flag(p, m, 'fs.promises.');
  const sync = fs as unknown as Record<string, unknown>;
  for (const m of ['writeFileSync', 'appendFileSync', 'renameSync', 'unlinkSync', 'copyFileSync', 'rmSync', 'linkSync', 'truncateSync'])
    flag(sync, m, 'fs.');
}

const dir = process.env.PIER_POWER_CUT_DIR;
const logFile = process.env.PIER_POWER_CUT_LOG;
if (dir && logFile) install(path.resolve(dir), logFile);
