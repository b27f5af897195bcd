/**
 * `bin/start --sessions` as a child process on real bases: the file store (sessions made by a running
 * server), SQLite for expired sessions, and the move of 10,000 sessions from the file store to PostgreSQL
 * and back, compared exactly.
 * @module
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, PierProcess, freePort, repoRoot, request } from '../support/pier-process';
import { dropTables, POSTGRESQL, requireDatabase, uniqueTableName } from '../session/stores/jdbc/databases';
import { addCounterApp, driverProperties, newBase } from '../session/stores/jdbc/jdbc-base';

const BIN = path.join(repoRoot(), 'bin', 'start');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bin/start args` in `cwd` to its end. */
function run(cwd: string, args: string[], timeoutMs = 60_000): Promise<Run> {
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
function problems(r: Run): string[] {
  return r.stderr.split('\n').filter((l) => /^(ERROR|WARN) +:/.test(l));
}

/**
 * A base with the counter web app and the start.ini `--add-to-start=http,deploy,<store>` writes (its
 * module lines and the store's folder property), plus `extra` lines.
 */
async function counterBase(store: 'session-store-file' | 'session-store-jdbc', extra: string[] = []): Promise<string> {
  const base = newBase('pier-session-tool-');
  const lines = ['--module=http', '--module=deploy', `--module=${store}`];
  if (store === 'session-store-file') lines.push('jetty.session.file.storeDir=${jetty.base}/sessions');
  fs.writeFileSync(path.join(base, 'start.ini'), [...lines, ...extra].join('\n') + '\n');
  addCounterApp(base);
  return base;
}

/** A session record as the tool writes it, with a few attribute kinds the tagged encoding keeps. */
function record(i: number, now: number, over: Partial<Record<string, unknown>> = {}): string {
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

function sortedLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .sort();
}

describe('bin/start --sessions on a base with the file store', function () {
  this.timeout(120_000);
  let base = '';
  let ids: string[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-session-tool-files-'));

  before(async () => {
    base = await counterBase('session-store-file');
    const port = await freePort();
    const server = await PierProcess.start(base, [`jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], 60_000);
    try {
      for (let i = 0; i < 3; i++) {
        const first = await request(port, '/counter/inc');
        const cookie = String(first.headers['set-cookie']).split(';')[0];
        await request(port, '/counter/inc', { headers: { Cookie: cookie } });
        ids.push(cookie.split('=')[1].replace(/\.node0$/, ''));
      }
    } finally {
      await server.stop();
    }
    ids = ids.sort();
  });
  after(() => {
    fs.rmSync(base, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists each stored session on one line with its context and expiry', async () => {
    const r = await run(base, ['--sessions', 'list']);
    expect(r.code, r.stderr).to.equal(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split('\t')[0])).to.deep.equal(ids);
    for (const l of lines) expect(l).to.match(/^node0\w+\t\/counter\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("shows one session's metadata and attributes as JSON", async () => {
    const r = await run(base, ['--sessions', 'show', ids[1]]);
    expect(r.code, r.stderr).to.equal(0);
    const shown = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(shown).to.include({ context: '/counter', vhost: '0.0.0.0', id: ids[1], maxInactiveMs: 1_800_000, lastNode: 'node0' });
    expect(shown.attributes).to.deep.equal({ n: 2 });
    // the expiry is computed when the request leaves the session, a moment after its access time
    expect(shown.expiry as number).to.be.within((shown.accessed as number) + 1_800_000, (shown.accessed as number) + 1_860_000);
  });

  it('says in one line, exit code 1, that no context holds an unknown id', async () => {
    const r = await run(base, ['--sessions', 'show', 'node0nosuchsession']);
    expect(r.code).to.equal(1);
    expect(problems(r)).to.deep.equal(["ERROR : Cannot show session 'node0nosuchsession': no context of this base holds it (/counter)"]);
  });

  it('counts the sessions of each context, live and expired', async () => {
    const r = await run(base, ['--sessions', 'count']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('context       live   expired     total\n/counter         3         0         3\n');
  });

  it('refuses, in one line, to open the store while a server holds its folder', async () => {
    const port = await freePort();
    const server = await PierProcess.start(base, [`jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], 60_000);
    try {
      const r = await run(base, ['--sessions', 'list']);
      expect(r.code).to.equal(2);
      const lines = problems(r);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(
        /^ERROR : Cannot start FileSessionDataStore of context '_counter' vhost '0\.0\.0\.0': session store folder '.*' is in use by process \d+/,
      );
      expect(r.stderr).to.not.match(/\n\s+at /);
    } finally {
      await server.stop();
    }
  });

  it('skips on import the sessions the store already holds, and replaces them with --force', async () => {
    const file = path.join(tmp, 'export.jsonl');
    const exported = await run(base, ['--sessions', 'export', file]);
    expect(exported.code, exported.stderr).to.equal(0);
    expect(exported.stderr).to.contain(`Exported 3 session(s) from 1 context(s) to ${file}`);
    const records = sortedLines(fs.readFileSync(file, 'utf8'));
    expect(records.map((l) => (JSON.parse(l) as { id: string }).id)).to.deep.equal(ids);

    const changed = records.map((l) => JSON.stringify({ ...(JSON.parse(l) as object), attributes: { n: 99 } }));
    fs.writeFileSync(file, changed.join('\n') + '\n' + record(1, Date.now()) + '\n');
    const again = await run(base, ['--sessions', 'import', file]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.equal('Imported 1 session(s) into /counter, skipped 3 already there (--force replaces them)\n');
    expect(JSON.parse((await run(base, ['--sessions', 'show', ids[0]])).stdout).attributes).to.deep.equal({ n: 2 });

    const forced = await run(base, ['--sessions', 'import', file, '--force']);
    expect(forced.code, forced.stderr).to.equal(0);
    expect(forced.stdout).to.equal('Imported 0 session(s) into /counter, replaced 4\n');
    expect(JSON.parse((await run(base, ['--sessions', 'show', ids[0]])).stdout).attributes).to.deep.equal({ n: 99 });
  });

  it('stops an import before writing anything when a line names a context the base does not deploy', async () => {
    const file = path.join(tmp, 'elsewhere.jsonl');
    fs.writeFileSync(file, record(7, Date.now()) + '\n' + record(8, Date.now(), { context: '/shop' }) + '\n');
    const r = await run(base, ['--sessions', 'import', file]);
    expect(r.code).to.equal(2);
    expect(problems(r)).to.deep.equal([
      `ERROR : Cannot import ${file}:2: context '/shop' vhost '0.0.0.0' is not one of this base's contexts with a session store (/counter); nothing was imported`,
    ]);
    expect((await run(base, ['--sessions', 'show', 'node0move000007'])).code).to.equal(1);
  });

  it('names the file, line and column of a line that is not a session record', async () => {
    const file = path.join(tmp, 'broken.jsonl');
    fs.writeFileSync(file, record(9, Date.now()) + '\n\n{"context": "/counter", oops}\n');
    const r = await run(base, ['--sessions', 'import', file]);
    expect(r.code).to.equal(2);
    const lines = problems(r);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(new RegExp(`^ERROR : Cannot read session record at ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:\\d+: not JSON`));
  });

  it('rejects an unknown command with the list of commands', async () => {
    const r = await run(base, ['--sessions', 'remove']);
    expect(r.code).to.equal(2);
    expect(problems(r)).to.deep.equal([
      "ERROR : Cannot use --sessions 'remove': unknown command; use --sessions list|show ID|count|purge-expired|export FILE|import FILE",
    ]);
  });
});

describe('bin/start --sessions purge-expired on a base with the JDBC store on SQLite', function () {
  this.timeout(120_000);
  let base = '';
  let props: string[] = [];

  before(async () => {
    base = await counterBase('session-store-jdbc');
    props = driverProperties('org.sqlite.JDBC', `jdbc:sqlite:${base}/sessions.db`, 'pier_sessions');
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('counts expired sessions apart and deletes only them', async () => {
    const now = Date.now();
    const file = path.join(base, 'mixed.jsonl');
    const lines = [0, 1, 2, 3, 4].map((i) => record(i, now, i < 2 ? { expiry: now - 60_000 } : {}));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    expect((await run(base, [...props, '--sessions', 'import', file])).stdout).to.equal('Imported 5 session(s) into /counter\n');
    expect((await run(base, [...props, '--sessions', 'count'])).stdout).to.equal(
      'context       live   expired     total\n/counter         3         2         5\n',
    );
    const listed = (await run(base, [...props, '--sessions', 'list'])).stdout.trim().split('\n');
    expect(listed.filter((l) => l.endsWith('\texpired')).map((l) => l.split('\t')[0])).to.deep.equal(['node0move000000', 'node0move000001']);

    const purged = await run(base, [...props, '--sessions', 'purge-expired']);
    expect(purged.code, purged.stderr).to.equal(0);
    expect(purged.stdout).to.equal('Purged 2 expired session(s) from /counter\n');
    expect((await run(base, [...props, '--sessions', 'count'])).stdout).to.equal(
      'context       live   expired     total\n/counter         3         0         3\n',
    );
  });
});

describe('bin/start --sessions moving 10,000 sessions from the file store to PostgreSQL and back', function () {
  this.timeout(300_000);
  const table = uniqueTableName('pier_move');
  const url = POSTGRESQL.url('');
  const bases: string[] = [];
  const COUNT = 10_000;

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
