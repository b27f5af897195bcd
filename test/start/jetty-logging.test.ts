/**
 * Tests of logging through `bin/start` as a child process: a jetty.base's
 * resources/jetty-logging.properties and `-D` arguments set the levels and the format.
 * @module
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST, PierProcess, freePort, repoRoot, request } from '../support/pier-process';
import { makeBase, removeBase } from './support';

const BIN = path.join(repoRoot(), 'bin', 'start');

/** A copy of a folder tree. */
function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) copyDir(path.join(from, e.name), path.join(to, e.name));
    else fs.copyFileSync(path.join(from, e.name), path.join(to, e.name));
  }
}

/** The stderr lines of a run that look like log records (`yyyy-MM-dd HH:mm:ss.SSS:LEVEL:name:thread: ...`). */
function logLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}:[A-Z]+:/.test(l));
}

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, PIER_DIST: DIST } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/start and jetty-logging.properties', () => {
  const bases: string[] = [];
  after(() => {
    for (const b of bases) removeBase(b);
  });
  const base = (files: Record<string, string>): string => {
    const b = makeBase(files);
    bases.push(b);
    return b;
  };

  it('stops with one line naming the file and line of a level it cannot use, exit code 2', () => {
    const b = base({
      'start.d/server.ini': '--module=server,resources\n',
      'resources/jetty-logging.properties': 'org.eclipse.jetty.LEVEL=WARNING\n',
    });
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
      "ERROR : Cannot set 'org.eclipse.jetty.util.log.stderr.FORMAT' to 'yaml' (-Dorg.eclipse.jetty.util.log.stderr.FORMAT on the command line): expected text or json",
    );
  });

  it('--add-to-start=logging-jetty enables resources and copies the commented jetty-logging.properties into the base', function () {
    this.timeout(10_000);
    const b = base({});
    const r = run(['--add-to-start=logging-jetty'], b);
    expect(r.code, r.stderr).to.equal(0);
    const text = fs.readFileSync(path.join(b, 'resources', 'jetty-logging.properties'), 'utf8');
    expect(text).to.contain('#org.eclipse.jetty.LEVEL=INFO');
    expect(text).to.contain('#org.eclipse.jetty.util.log.stderr.FORMAT=text');
    expect(fs.readFileSync(path.join(b, 'start.ini'), 'utf8')).to.match(/--module=logging-jetty/);
    expect(run(['--list-config'], b).stdout).to.match(/resources/);
  });

  describe('a started server', function () {
    this.timeout(60_000);
    let pier: PierProcess | undefined;
    afterEach(async () => {
      if (pier) {
        await pier.stop();
        pier = undefined;
      }
    });

    /** A base with http, deploy, sessions and the resources module, and the counter web app. */
    function serverBase(loggingProperties?: string): string {
      const b = base({ 'start.d/modules.ini': '--module=http,deploy,sessions,resources\njetty.http.host=127.0.0.1\n', 'resources/': '' });
      copyDir(path.join(repoRoot(), 'test/fixtures/session/counter-webapp'), path.join(b, 'webapps', 'counter'));
      if (loggingProperties !== undefined) fs.writeFileSync(path.join(b, 'resources', 'jetty-logging.properties'), loggingProperties);
      return b;
    }

    async function startAndStop(b: string, args: string[] = [], exchange?: (port: number) => Promise<void>): Promise<string> {
      const port = await freePort();
      pier = await PierProcess.start(b, [`jetty.http.port=${port}`, ...args]);
      if (exchange) await exchange(port);
      const p = pier;
      pier = undefined;
      expect(await p.stop()).to.equal(0);
      return p.stderr;
    }

    async function twoCounterRequests(port: number): Promise<void> {
      const first = await request(port, '/counter/inc');
      const cookie = String(first.headers['set-cookie']?.[0] ?? '').split(';')[0];
      expect((await request(port, '/counter/inc', { headers: { Cookie: cookie } })).body).to.equal('2');
    }

    it("writes its start lines at INFO in Jetty 9.4's StdErrLog format by default", async () => {
      const lines = logLines(await startAndStop(serverBase()));
      expect(
        lines.some((l) => /:INFO:oejs\.Server:main: Started @\d+ms$/.test(l)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        lines.some((l) => /:INFO:oejs\.session:main: DefaultSessionIdManager workerName=node0$/.test(l)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        lines.some((l) => /:INFO:oejdp\.ScanningAppProvider:main: Deployment monitor \[file:\/\/.*\/webapps\/\] at interval 1$/.test(l)),
        lines.join('\n'),
      ).to.equal(true);
    });

    it('writes no INFO line with resources/jetty-logging.properties saying org.eclipse.jetty.LEVEL=WARN', async () => {
      const stderr = await startAndStop(serverBase('org.eclipse.jetty.LEVEL=WARN\n'), [], twoCounterRequests);
      expect(logLines(stderr), stderr).to.deep.equal([]);
      expect(stderr.trim(), stderr).to.equal('');
    });

    it('shows the session DEBUG lines with org.eclipse.jetty.server.session.LEVEL=DEBUG, and only those', async () => {
      const stderr = await startAndStop(
        serverBase('org.eclipse.jetty.LEVEL=WARN\norg.eclipse.jetty.server.session.LEVEL=DEBUG\n'),
        [],
        twoCounterRequests,
      );
      const lines = logLines(stderr);
      expect(
        lines.every((l) => l.includes(':oejs.session:main: ')),
        lines.join('\n'),
      ).to.equal(true);
      const debug = lines.filter((l) => l.includes(':DBUG:'));
      expect(
        debug.some((l) => /Creating new session id=node0\w+$/.test(l)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        debug.some((l) => /Got Session ID node0\w+\.node0 from cookie JSESSIONID$/.test(l)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        debug.some((l) => /Session node0\w+ complete, active requests=0$/.test(l)),
        lines.join('\n'),
      ).to.equal(true);
      expect(
        lines.some((l) => l.includes(':INFO:oejs.session:main: DefaultSessionIdManager workerName=node0')),
        lines.join('\n'),
      ).to.equal(true);
    });

    it('lets -D on the command line win over the file', async () => {
      const stderr = await startAndStop(serverBase('org.eclipse.jetty.LEVEL=WARN\n'), ['-Dorg.eclipse.jetty.server.Server.LEVEL=INFO']);
      const lines = logLines(stderr);
      expect(lines.length, stderr).to.be.greaterThan(0);
      expect(
        lines.every((l) => l.includes(':INFO:oejs.Server:main: ')),
        stderr,
      ).to.equal(true);
    });

    it('writes one JSON object per line with -Dorg.eclipse.jetty.util.log.stderr.FORMAT=json', async () => {
      const stderr = await startAndStop(serverBase(), ['-Dorg.eclipse.jetty.util.log.stderr.FORMAT=json']);
      // the launcher's own notes (MKDIR : ...) are not log records
      const records = stderr
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, string>);
      expect(records.length, stderr).to.be.greaterThan(0);
      const started = records.find((r) => r.logger === 'org.eclipse.jetty.server.Server' && /^Started @\d+ms$/.test(r.message));
      expect(started, stderr).to.include({ level: 'INFO', thread: 'main' });
      expect(new Date(started!.time).toISOString()).to.equal(started!.time);
    });
  });
});
