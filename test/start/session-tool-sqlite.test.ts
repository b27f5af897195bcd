/**
 * `bin/start --sessions purge-expired` as a child process on a real base with the JDBC store on SQLite:
 * expired sessions are counted apart and only they are deleted.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { driverProperties } from '../session/stores/jdbc/jdbc-base';
import { counterBase, record, run } from './session-tool-support';

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
