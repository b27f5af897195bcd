/**
 * Tests of logging through `bin/start` as a child process: a jetty.base's
 * resources/jetty-logging.properties and `-D` arguments set the levels and the format.
 * @module
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST, repoRoot } from '../support/pier-process';
import { makeBase, removeBase } from './support';

const BIN = path.join(repoRoot(), 'bin', 'start');

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, PIER_DIST: DIST } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/start and jetty-logging.properties', () => {
  const bases: string[] = [];
  after(() => { for (const b of bases) removeBase(b); });
  const base = (files: Record<string, string>): string => { const b = makeBase(files); bases.push(b); return b; };

  it('stops with one line naming the file and line of a level it cannot use, exit code 2', () => {
    const b = base({ 'start.d/server.ini': '--module=server,resources\n', 'resources/jetty-logging.properties': 'org.eclipse.jetty.LEVEL=WARNING\n' });
    const r = run([], b);
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr.trim().split('\n')).to.deep.equal([
      "ERROR : Cannot set log level 'org.eclipse.jetty.LEVEL' to 'WARNING' (${jetty.base}/resources/jetty-logging.properties:1): expected ALL, TRACE, DEBUG, INFO, WARN, ERROR or OFF",
    ]);
  });

  it('stops with one line naming a -D argument it cannot use', () => {
    const b = base({ 'start.d/server.ini': '--module=server\n' });
    const r = run(['-Dorg.eclipse.jetty.util.log.stderr.FORMAT=yaml'], b);
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr.trim()).to.equal(
      "ERROR : Cannot set 'org.eclipse.jetty.util.log.stderr.FORMAT' to 'yaml' (-Dorg.eclipse.jetty.util.log.stderr.FORMAT on the command line): expected text or json");
  });

  it('--add-to-start=logging-jetty enables resources and copies the commented jetty-logging.properties into the base', () => {
    const b = base({});
    const r = run(['--add-to-start=logging-jetty'], b);
    expect(r.code, r.stderr).to.equal(0);
    const text = fs.readFileSync(path.join(b, 'resources', 'jetty-logging.properties'), 'utf8');
    expect(text).to.contain('#org.eclipse.jetty.LEVEL=INFO');
    expect(text).to.contain('#org.eclipse.jetty.util.log.stderr.FORMAT=text');
    expect(fs.readFileSync(path.join(b, 'start.ini'), 'utf8')).to.match(/--module=logging-jetty/);
    expect(run(['--list-config'], b).stdout).to.match(/resources/);
  });
});
