/**
 * What the `bin/start --sessions` tests share: running the tool as a child process, a base with the counter
 * web app on a given store, session records as the tool writes them, and the move of N sessions from the file
 * store to PostgreSQL and back (`npm test` moves a few hundred; `npm run test:reliability` moves 10,000).
 * @module
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST, repoRoot } from '../support/pier-process';
import { dropTables, POSTGRESQL, requireDatabase, uniqueTableName } from '../session/stores/jdbc/databases';
import { addCounterApp, driverProperties, newBase } from '../session/stores/jdbc/jdbc-base';

const BIN = path.join(repoRoot(), 'bin', 'start');

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bin/start args` in `cwd` to its end. */
export function run(cwd: string, args: string[], timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, PIER_DIST: DIST }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bin/start ${args.join(' ')} did not end within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The ERROR and WARN lines of a run (log records of the configured components are left out). */
export function problems(r: Run): string[] {
  return r.stderr.split('\n').filter((l) => /^(ERROR|WARN) +:/.test(l));
}

/**
 * A base with the counter web app and the start.ini `--add-to-start=http,deploy,<store>` writes (its
 * module lines and the store's folder property), plus `extra` lines.
 */
export async function counterBase(store: 'session-store-file' | 'session-store-jdbc', extra: string[] = []): Promise<string> {
  const base = newBase('pier-session-tool-');
  const lines = ['--module=http', '--module=deploy', `--module=${store}`];
  if (store === 'session-store-file') lines.push('jetty.session.file.storeDir=${jetty.base}/sessions');
  fs.writeFileSync(path.join(base, 'start.ini'), [...lines, ...extra].join('\n') + '\n');
  addCounterApp(base);
  return base;
}

/** A session record as the tool writes it, with a few attribute kinds the tagged encoding keeps. */
export function record(i: number, now: number, over: Partial<Record<string, unknown>> = {}): string {
  const created = now - i * 10;
  return JSON.stringify({
    context: '/counter',
    vhost: '0.0.0.0',
    id: `node0move${i.toString(36).padStart(6, '0')}`,
    created,
    accessed: created + 7,
    lastAccessed: created + 3,
    maxInactiveMs: 7_200_000,
    expiry: created + 7_200_000,
    cookieSet: 0,
    lastNode: `node${i % 3}`,
    attributes: {
      n: i,
      user: { name: `user${i}`, roles: ['reader', i % 2 ? 'writer' : 'guest'] },
      since: { $t: 'Date', v: created },
      big: { $t: 'bigint', v: `9007199254740993${i}` },
      ...((over.attributes as object) ?? {}),
    },
    ...over,
  });
}

export function sortedLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .sort();
}

/** Declares the test that moves `count` sessions from the file store to PostgreSQL and back, compared exactly. */
export function describeSessionMove(count: number): void {
  describe(`bin/start --sessions moving ${count.toLocaleString('en')} sessions from the file store to PostgreSQL and back`, function () {
    this.timeout(300_000);
    const table = uniqueTableName('pier_move');
    const url = POSTGRESQL.url('');
    const bases: string[] = [];
    const COUNT = count;

    before(async function () {
      await requireDatabase(this, POSTGRESQL);
    });
    after(async () => {
      for (const b of bases) fs.rmSync(b, { recursive: true, force: true });
      await dropTables(url, [table]).catch(() => undefined);
    });

    it('exports from PostgreSQL, and from the file store it went back to, exactly the sessions the first file store held', async () => {
      // durability=os: the move is under test here, not the disk's fsync rate
      const fileA = await counterBase('session-store-file', ['jetty.session.file.durability=os']);
      const database = await counterBase('session-store-jdbc');
      const fileB = await counterBase('session-store-file', ['jetty.session.file.durability=os']);
      bases.push(fileA, database, fileB);
      const pg = driverProperties(POSTGRESQL.driverClass, url, table);
      const now = Date.now();
      const original = Array.from({ length: COUNT }, (_, i) => record(i, now));
      fs.writeFileSync(path.join(fileA, 'seed.jsonl'), original.join('\n') + '\n');
      const seeded = await run(fileA, ['--sessions', 'import', 'seed.jsonl']);
      expect(seeded.stdout, seeded.stderr).to.equal(`Imported ${COUNT} session(s) into /counter\n`);

      const step = async (cwd: string, args: string[], expected: RegExp): Promise<number> => {
        const t0 = Date.now();
        const r = await run(cwd, args, 240_000);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout + r.stderr).to.match(expected);
        return Date.now() - t0;
      };
      const out = path.join(fileA, 'from-files.jsonl');
      const fromFiles = await step(fileA, ['--sessions', 'export', out], new RegExp(`Exported ${COUNT} session`));
      expect(sortedLines(fs.readFileSync(out, 'utf8'))).to.deep.equal([...original].sort());

      const intoPg = await step(database, [...pg, '--sessions', 'import', out], new RegExp(`^Imported ${COUNT} session\\(s\\) into /counter$`, 'm'));
      const pgOut = path.join(database, 'from-postgresql.jsonl');
      const fromPg = await step(database, [...pg, '--sessions', 'export', pgOut], new RegExp(`Exported ${COUNT} session`));
      expect(sortedLines(fs.readFileSync(pgOut, 'utf8'))).to.deep.equal([...original].sort());

      const back = await step(fileB, ['--sessions', 'import', pgOut], new RegExp(`^Imported ${COUNT} session\\(s\\) into /counter$`, 'm'));
      const backOut = path.join(fileB, 'back.jsonl');
      await step(fileB, ['--sessions', 'export', backOut], new RegExp(`Exported ${COUNT} session`));
      expect(sortedLines(fs.readFileSync(backOut, 'utf8'))).to.deep.equal([...original].sort());
      console.log(
        `      figure: ${COUNT} sessions, each bin/start run: file export ${fromFiles} ms, PostgreSQL import ${intoPg} ms, PostgreSQL export ${fromPg} ms, file import ${back} ms`,
      );
    });
  });
}
