/**
 * `bin/start --sessions` as a child process on a real base with the file store, holding sessions made by a
 * running server. Expired sessions on SQLite are in session-tool-sqlite.test.ts, the move of 500 sessions
 * to PostgreSQL and back in session-move.test.ts (separate files, so that npm test's two workers share them).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PierProcess, freePort, request } from '../support/pier-process';
import { counterBase, problems, record, run, sortedLines } from './session-tool-support';

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
        /^ERROR : Cannot start FileSessionDataStore of context '\/counter' vhost '0\.0\.0\.0': session store folder '.*' is in use by process \d+/,
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
