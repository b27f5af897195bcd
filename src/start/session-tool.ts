/**
 * `bin/start --sessions <command>`: reads and changes the sessions a base's configured stores hold,
 * offline (the stores are opened by offline-session-stores.ts; nothing serves). Commands: `list`,
 * `show ID`, `count`, `purge-expired`, `export FILE` and `import FILE` (JSON lines, one session record
 * each, see src/session/session-record.ts), so that sessions move between stores of any kind.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { canonicalizeContextPath } from '../session/session-context';
import { parseSessionRecord, recordContextKey, sessionDataFromRecord, toSessionRecord, type SessionRecord } from '../session/session-record';
import { hasSessionBulkImport } from '../session/session-store-index';
import { tempPathFor } from '../util/atomic-write';
import { forEachConcurrently } from '../util/concurrently';
import { UsageError } from '../util/errors';
import type { OfflineSessionStore } from './offline-session-stores';

/** The commands and how many operands each takes. */
const COMMANDS: Record<string, { operand?: string }> = {
  list: {},
  show: { operand: 'ID' },
  count: {},
  'purge-expired': {},
  export: { operand: 'FILE' },
  import: { operand: 'FILE' },
};

/** What `--sessions` asked for, taken out of the command line before the rest is resolved. */
export interface SessionToolRequest {
  readonly command: string;
  readonly operand: string | null;
  /** `--force`: import replaces sessions that the target store already holds. */
  readonly force: boolean;
  /** `--context=/path`: only that context (its path as served, `/` for the root). */
  readonly context: string | null;
}

const USAGE = 'use --sessions list|show ID|count|purge-expired|export FILE|import FILE';

/**
 * Splits `--sessions <command> [operand]` and the tool's options (`--force`, `--context=PATH`) from the
 * launcher's arguments; null when there is no `--sessions`.
 */
export function takeSessionToolArgs(argv: readonly string[]): { request: SessionToolRequest; rest: string[] } | null {
  const at = argv.findIndex((a) => a === '--sessions' || a.startsWith('--sessions='));
  if (at < 0) return null;
  const rest = [...argv];
  const given = rest[at].startsWith('--sessions=') ? rest[at].slice('--sessions='.length) : rest[at + 1];
  const taken = rest[at].startsWith('--sessions=') ? 1 : 2;
  if (given === undefined || given.startsWith('-') || !(given in COMMANDS)) {
    throw new UsageError(
      `Cannot use --sessions${given === undefined ? '' : ` '${given}'`}: ${given === undefined ? 'no command' : 'unknown command'}; ${USAGE}`,
    );
  }
  const spec = COMMANDS[given];
  let operand: string | null = null;
  if (spec.operand) {
    operand = rest[at + taken] ?? null;
    if (operand === null || (operand.startsWith('-') && operand !== '-')) {
      throw new UsageError(
        `Cannot use --sessions ${given}: it needs ${spec.operand}, as in --sessions ${given} ${spec.operand === 'ID' ? 'node0abc123' : 'sessions.jsonl'}`,
      );
    }
  }
  rest.splice(at, taken + (spec.operand ? 1 : 0));
  let force = false;
  let context: string | null = null;
  for (let i = rest.length - 1; i >= 0; i--) {
    if (rest[i] === '--force') {
      force = true;
      rest.splice(i, 1);
    } else if (rest[i].startsWith('--context=')) {
      context = rest[i].slice('--context='.length);
      if (!context.startsWith('/')) throw new UsageError(`Cannot use --context='${context}': a context path starts with '/', as in --context=/app`);
      rest.splice(i, 1);
    }
  }
  if (force && given !== 'import') throw new UsageError(`Cannot use --force with --sessions ${given}: only import replaces sessions`);
  return { request: { command: given, operand, force, context }, rest };
}

/** How the tool writes: `out` for results (stdout), `err` for notes and warnings (stderr). */
export interface SessionToolOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
}

/** Store operations in flight at once (the JDBC pool and Redis pipeline take them in parallel). */
const PARALLELISM = 16;
/** Records an import holds before writing them. */
const IMPORT_BATCH = 512;

function expiryText(expiry: number): string {
  return expiry <= 0 ? 'never' : new Date(expiry).toISOString();
}

function isExpired(expiry: number, now: number): boolean {
  return expiry > 0 && expiry <= now;
}

/** Runs one command over the opened stores; resolves with the exit code. */
export async function runSessionTool(request: SessionToolRequest, all: readonly OfflineSessionStore[], io: SessionToolOutput): Promise<number> {
  const stores =
    request.context === null ? all : all.filter((s) => canonicalizeContextPath(s.contextPath) === canonicalizeContextPath(request.context));
  if (stores.length === 0) {
    const known = all.map((s) => s.label).join(', ') || 'none';
    throw new UsageError(
      request.context === null
        ? 'Cannot read sessions: no context of this base keeps its sessions in a store (enable session-store-file, session-store-jdbc or session-store-redis)'
        : `Cannot read sessions of context '${request.context}': the base deploys no such context with a session store (contexts with a store: ${known})`,
    );
  }
  switch (request.command) {
    case 'list':
      return list(stores, io);
    case 'show':
      return show(stores, request.operand as string, io);
    case 'count':
      return count(stores, io);
    case 'purge-expired':
      return purgeExpired(stores, io);
    case 'export':
      return exportSessions(stores, path.resolve(io.cwd, request.operand as string), request.operand === '-', io);
    default:
      return importSessions(stores, path.resolve(io.cwd, request.operand as string), request.force, io);
  }
}

async function list(stores: readonly OfflineSessionStore[], io: SessionToolOutput): Promise<number> {
  const now = Date.now();
  for (const s of stores) {
    const entries = (await s.index.getStoredSessions()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let text = '';
    for (const e of entries) text += `${e.id}\t${s.label}\t${expiryText(e.expiry)}${isExpired(e.expiry, now) ? '\texpired' : ''}\n`;
    io.out(text);
  }
  return 0;
}

async function show(stores: readonly OfflineSessionStore[], id: string, io: SessionToolOutput): Promise<number> {
  let found = 0;
  for (const s of stores) {
    const data = await s.store.load(id);
    if (!data) continue;
    io.out(JSON.stringify(toSessionRecord(s.contextPath, data), null, 2) + '\n');
    found++;
  }
  if (found === 0) {
    io.err(`ERROR : Cannot show session '${id}': no context of this base holds it (${stores.map((s) => s.label).join(', ')})\n`);
    return 1;
  }
  return 0;
}

async function count(stores: readonly OfflineSessionStore[], io: SessionToolOutput): Promise<number> {
  const now = Date.now();
  const width = Math.max(7, ...stores.map((s) => s.label.length));
  const row = (a: string, b: string | number, c: string | number, d: string | number): string =>
    `${a.padEnd(width)}  ${String(b).padStart(8)}  ${String(c).padStart(8)}  ${String(d).padStart(8)}\n`;
  let text = row('context', 'live', 'expired', 'total');
  let live = 0;
  let expired = 0;
  for (const s of stores) {
    const entries = await s.index.getStoredSessions();
    const e = entries.filter((x) => isExpired(x.expiry, now)).length;
    text += row(s.label, entries.length - e, e, entries.length);
    live += entries.length - e;
    expired += e;
  }
  if (stores.length > 1) text += row('(all)', live, expired, live + expired);
  io.out(text);
  return 0;
}

async function purgeExpired(stores: readonly OfflineSessionStore[], io: SessionToolOutput): Promise<number> {
  const now = Date.now();
  let total = 0;
  for (const s of stores) {
    const doomed = (await s.index.getStoredSessions()).filter((e) => isExpired(e.expiry, now)).map((e) => e.id);
    let purged = 0;
    const errors = await forEachConcurrently(doomed, PARALLELISM, async (id) => {
      if (await s.store.delete(id)) purged++;
    });
    if (errors.length > 0)
      throw new UsageError(`Cannot purge expired sessions of context ${s.label}: ${(errors[0] as Error).message} (${purged} purged before)`);
    io.out(`Purged ${purged} expired session(s) from ${s.label}\n`);
    total += purged;
  }
  if (stores.length > 1) io.out(`Purged ${total} expired session(s) in all\n`);
  return 0;
}

async function exportSessions(stores: readonly OfflineSessionStore[], file: string, toStdout: boolean, io: SessionToolOutput): Promise<number> {
  // Written beside the target and renamed over it at the end, so a failed export never leaves half a file.
  const tmp = toStdout ? null : tempPathFor(path.dirname(file), path.basename(file));
  const fd = tmp === null ? null : fs.openSync(tmp, 'wx', 0o600);
  let exported = 0;
  let skipped = 0;
  try {
    for (const s of stores) {
      const ids = (await s.index.getStoredSessions()).map((e) => e.id).sort();
      for (let i = 0; i < ids.length; i += IMPORT_BATCH) {
        const batch = ids.slice(i, i + IMPORT_BATCH);
        const lines: (string | null)[] = new Array<string | null>(batch.length).fill(null);
        let at = 0;
        const errors = await forEachConcurrently(
          batch.map((id) => ({ id, n: at++ })),
          PARALLELISM,
          async ({ id, n }) => {
            try {
              const data = await s.store.load(id);
              if (data) lines[n] = JSON.stringify(toSessionRecord(s.contextPath, data));
            } catch (err) {
              skipped++;
              io.err(`WARN  : Skipped session '${id}' of context ${s.label}: ${(err as Error).message}\n`);
            }
          },
        );
        if (errors.length > 0) throw errors[0];
        const text = lines.filter((l): l is string => l !== null);
        exported += text.length;
        if (text.length === 0) continue;
        if (fd === null) io.out(text.join('\n') + '\n');
        else fs.writeSync(fd, text.join('\n') + '\n');
      }
    }
    if (fd !== null && tmp !== null) {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(tmp, file);
    }
  } catch (err) {
    if (fd !== null && tmp !== null) {
      fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
    }
    throw err;
  }
  const where = toStdout ? 'standard output' : file;
  io.err(
    `Exported ${exported} session(s) from ${stores.length} context(s) to ${where}${skipped > 0 ? `; ${skipped} unreadable session(s) skipped` : ''}\n`,
  );
  return skipped > 0 ? 1 : 0;
}

/** The records of an export, one per non-blank line, with their line numbers. */
async function* readRecords(file: string): AsyncGenerator<{ record: SessionRecord; line: number }> {
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (text.trim() === '') continue;
      yield { record: parseSessionRecord(text, file, n), line: n };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/**
 * Imports an export. The whole file is read once first, so that a malformed line or a context the base
 * does not deploy stops the import before anything is written. A session the target store already holds
 * (or an id the file repeats) is left as it is and counted, unless `force` replaces it.
 */
async function importSessions(stores: readonly OfflineSessionStore[], file: string, force: boolean, io: SessionToolOutput): Promise<number> {
  if (!fs.existsSync(file)) throw new UsageError(`Cannot import '${file}': no such file`);
  const byKey = new Map(stores.map((s) => [recordContextKey(s.contextPath, s.vhost), s]));
  for await (const { record, line } of readRecords(file)) {
    if (!byKey.has(recordContextKey(record.context, record.vhost))) {
      throw new UsageError(
        `Cannot import ${file}:${line}: context '${record.context}' vhost '${record.vhost}' is not one of this base's contexts with a session store (${stores.map((s) => s.label).join(', ')}); nothing was imported`,
      );
    }
  }
  const present = new Map<OfflineSessionStore, Set<string>>();
  for (const s of stores) present.set(s, new Set((await s.index.getStoredSessions()).map((e) => e.id)));
  const counts = new Map<OfflineSessionStore, { imported: number; replaced: number; skipped: number }>();
  for (const s of stores) counts.set(s, { imported: 0, replaced: 0, skipped: 0 });

  const flush = async (batch: { record: SessionRecord; line: number; store: OfflineSessionStore; replace: boolean }[]): Promise<void> => {
    // New sessions of a store that inserts many at once go in a few statements; the rest one by one.
    for (const s of stores) {
      if (!hasSessionBulkImport(s.store)) continue;
      const mine = batch.filter((b) => b.store === s && !b.replace);
      if (mine.length === 0) continue;
      try {
        await s.store.insertAll(mine.map((b) => sessionDataFromRecord(b.record, s.store)));
      } catch (err) {
        throw new UsageError(
          `Cannot import ${file}:${mine[0].line}-${mine[mine.length - 1].line} into context ${s.label}: ${(err as Error).message}`,
          UsageError.ERR_BAD_ARG,
          {
            cause: err,
          },
        );
      }
      const done = new Set(mine);
      batch = batch.filter((b) => !done.has(b));
    }
    const errors = await forEachConcurrently(batch, PARALLELISM, async ({ record, line, store, replace }) => {
      try {
        if (replace) await store.store.delete(record.id);
        await store.store.store(record.id, sessionDataFromRecord(record, store.store));
      } catch (err) {
        throw new UsageError(
          `Cannot import ${file}:${line}: session '${record.id}' of context ${store.label}: ${(err as Error).message}`,
          UsageError.ERR_BAD_ARG,
          {
            cause: err,
          },
        );
      }
    });
    if (errors.length > 0) throw errors[0];
  };
  let batch: { record: SessionRecord; line: number; store: OfflineSessionStore; replace: boolean }[] = [];
  const seen = new Map<OfflineSessionStore, Set<string>>();
  for (const s of stores) seen.set(s, new Set());
  try {
    for await (const { record, line } of readRecords(file)) {
      const store = byKey.get(recordContextKey(record.context, record.vhost)) as OfflineSessionStore;
      const c = counts.get(store)!;
      const inFile = seen.get(store)!;
      if (inFile.has(record.id)) {
        io.err(`WARN  : ${file}:${line}: session '${record.id}' of context ${store.label} appears again in the file; the first one is kept\n`);
        c.skipped++;
        continue;
      }
      inFile.add(record.id);
      const exists = present.get(store)!.has(record.id);
      if (exists && !force) {
        c.skipped++;
        continue;
      }
      if (exists) c.replaced++;
      else c.imported++;
      batch.push({ record, line, store, replace: exists });
      if (batch.length >= IMPORT_BATCH) {
        await flush(batch);
        batch = [];
      }
    }
    await flush(batch);
  } finally {
    for (const s of stores) {
      const c = counts.get(s)!;
      if (c.imported + c.replaced + c.skipped === 0) continue;
      let line = `Imported ${c.imported} session(s) into ${s.label}`;
      if (c.replaced > 0) line += `, replaced ${c.replaced}`;
      if (c.skipped > 0) line += `, skipped ${c.skipped} already there${force ? '' : ' (--force replaces them)'}`;
      io.out(line + '\n');
    }
  }
  return 0;
}
