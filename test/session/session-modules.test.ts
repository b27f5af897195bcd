/**
 * Tests that the session modules enable through `bin/start` as Jetty 9.4's do: ini templates, the
 * sessions/ folder, and the XML files in dependency order.
 * @module
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './support';

const DIST = path.resolve(__dirname, '..', '..');
const BIN = path.join(repoRoot(), 'bin', 'start');

function run(args: string[], cwd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, PIER_DIST: DIST } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('session modules through bin/start', function () {
  this.timeout(60_000);
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-session-mods-'));
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  it('--add-to-start=sessions,session-cache-hash,session-store-file writes the ini templates and makes sessions/', () => {
    const r = run(['--create-startd', '--add-to-start=sessions,session-cache-hash,session-store-file'], base);
    expect(r.code, r.err).to.equal(0);
    expect(fs.statSync(path.join(base, 'sessions')).isDirectory()).to.equal(true);
    const ini = fs.readFileSync(path.join(base, 'start.d', 'session-store-file.ini'), 'utf8');
    expect(ini).to.match(/^--module=session-store-file$/m);
    expect(ini).to.match(/^jetty\.session\.file\.storeDir=\$\{jetty\.base\}\/sessions$/m);
    expect(fs.readFileSync(path.join(base, 'start.d', 'session-cache-hash.ini'), 'utf8')).to.match(/^#jetty\.session\.evictionPolicy=-1$/m);
    expect(fs.readFileSync(path.join(base, 'start.d', 'sessions.ini'), 'utf8')).to.match(/^#jetty\.sessionScavengeInterval\.seconds=600$/m);
  });

  it('--dry-run lists id-manager.xml before the cache and store XML, with the storeDir property', () => {
    expect(run(['--create-startd', '--add-to-start=session-cache-null,session-store-file'], base).code).to.equal(0);
    const r = run(['--dry-run'], base);
    expect(r.code, r.err).to.equal(0);
    const xml = r.out
      .split('\n')
      .filter((l) => l.includes('/etc/sessions/'))
      .map((l) => l.slice(l.indexOf('/etc/sessions/')));
    expect(xml).to.deep.equal(['/etc/sessions/id-manager.xml', '/etc/sessions/session-cache-null.xml', '/etc/sessions/file/session-store.xml']);
    expect(r.out).to.contain(`jetty.session.file.storeDir=${path.join(base, 'sessions')}`);
  });

  it('refuses two session-cache modules at once', () => {
    const r = run(['--dry-run', '--module=session-cache-hash,session-cache-null'], base);
    expect(r.code).to.not.equal(0);
    expect(r.err).to.match(/session-cache/);
  });
});
