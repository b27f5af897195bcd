/**
 * A compiled area file that throws as it loads must fail the test suite and the start, naming the file; so
 * must a file of the launcher that loads only when a start needs it.
 * Each test runs against a copy of the compiled tree in which the web-app provider throws at its top,
 * beside links to this checkout's node_modules, etc/, modules/ and sources.
 * @module
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';
import { makeBase, removeBase } from './support';

const BROKEN = 'src/deploy/providers/web-app-provider.js';
const BOOM = 'a throw placed at the top of the web-app provider';

/** A Pier installation whose compiled web-app provider throws as it loads; returns its root. */
function brokenInstallation(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-broken-'));
  const dist = path.resolve(__dirname, '..', '..');
  for (const sub of ['src', 'test/support', 'test/start']) {
    fs.cpSync(path.join(dist, sub), path.join(root, 'dist', sub), { recursive: true, filter: (p) => !/\.(map|d\.ts)$/.test(p) });
  }
  for (const link of ['node_modules', 'etc', 'modules', 'package.json', 'src']) fs.symlinkSync(path.join(repoRoot(), link), path.join(root, link));
  const file = path.join(root, 'dist', BROKEN);
  fs.writeFileSync(file, `throw new Error('${BOOM}');\n${fs.readFileSync(file, 'utf8')}`);
  return root;
}

describe('a compiled area file that throws as it loads', function () {
  this.timeout(90_000);
  let root: string;
  before(() => {
    root = brokenInstallation();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('fails the class-loader and etc/*.xml tests, naming the file and the cause', () => {
    const tests = ['class-loader.test.js', 'etc-files.test.js'].map((t) => path.join(root, 'dist', 'test', 'start', t));
    const r = spawnSync(
      process.execPath,
      [
        path.join(repoRoot(), 'node_modules', 'mocha', 'bin', 'mocha.js'),
        '--no-config',
        '--require',
        path.join(root, 'dist', 'test', 'support', 'setup.js'),
        '--timeout',
        '20000',
        ...tests,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.status, r.stdout).to.not.equal(0);
    const failures = Number(/(\d+) failing/.exec(r.stdout)?.[1] ?? 0);
    expect(failures, r.stdout).to.be.greaterThan(1);
    expect(r.stdout).to.contain(`Cannot load the deploy classes: ${path.join(root, 'dist', BROKEN)}:1: Error: ${BOOM}`);
  });

  it('stops bin/start with one line naming the file and the cause, exit code 5', () => {
    const base = makeBase({ 'webapps/': '' });
    try {
      const r = spawnSync(
        process.execPath,
        [path.join(repoRoot(), 'bin', 'start'), '--module=http,deploy', 'jetty.http.host=127.0.0.1', 'jetty.http.port=0'],
        {
          cwd: base,
          env: { ...process.env, PIER_DIST: path.join(root, 'dist') },
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      expect(r.status, r.stderr).to.equal(5);
      expect(r.stderr).to.equal(`ERROR : Cannot load the deploy classes: ${path.join(root, 'dist', BROKEN)}:1: Error: ${BOOM}\n`);
    } finally {
      removeBase(base);
    }
  });

  it('stops bin/start with one line naming a launcher file that loads only for a start, exit code 5, and still answers --version', () => {
    // the XML runner loads when a start applies XML, not for --version, --help or the listings
    const runner = path.join(root, 'dist', 'src', 'start', 'xml-runner.js');
    const original = fs.readFileSync(runner, 'utf8');
    fs.writeFileSync(runner, `throw new Error('${BOOM}');\n${original}`);
    const base = makeBase({ 'webapps/': '' });
    try {
      const run = (args: string[]) =>
        spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'start'), ...args], {
          cwd: base,
          env: { ...process.env, PIER_DIST: path.join(root, 'dist') },
          encoding: 'utf8',
          timeout: 30_000,
        });
      const version = run(['--version']);
      expect([version.status, version.stderr]).to.deep.equal([0, '']);
      const r = run(['--module=http', 'jetty.http.host=127.0.0.1', 'jetty.http.port=0']);
      expect(r.status, r.stderr).to.equal(5);
      expect(r.stderr).to.equal(`ERROR : Cannot load Pier's launcher: ${runner}:1: Error: ${BOOM}\n`);
    } finally {
      fs.writeFileSync(runner, original);
      removeBase(base);
    }
  });
});
