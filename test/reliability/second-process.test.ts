/**
 * Two Pier processes on one session store folder (an overlapping restart, a mistake): the second must
 * not serve it, and the first keeps its journal and every acknowledged update.
 * @module
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';
import { cookieOf, counterOf, get, makeBase, outRoot, PierProcess, reportFigures, usePierSuite } from './support';

/** Runs bin/start in `base` until it exits (bounded); its exit code and output. */
function runToExit(base: string, args: string[], timeoutMs = 60_000): Promise<{ code: number | string; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot(), 'bin', 'start'), ...args], {
      cwd: base,
      env: { ...process.env, PIER_DIST: outRoot() },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bin/start still running after ${timeoutMs} ms (it should have refused the store):\n${out.slice(-2000)}`));
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? String(signal), out });
    });
  });
}

describe('a second Pier process on the same session store folder', function () {
  const suite = usePierSuite();
  const others: string[] = [];
  after(() => {
    for (const b of others) fs.rmSync(b, { recursive: true, force: true });
  });

  it('exits non-zero with one clear ERROR line, and the first process keeps its journal and every acknowledged update', async () => {
    const store = path.join(suite.base, 'sessions');
    suite.server = await PierProcess.start('bin/start', suite.base, store);
    const first = suite.server;
    const a = await get(first.port, first.counterPath);
    const cookie = cookieOf(a) as string;
    let acked = counterOf(a.body);
    for (let i = 0; i < 5; i++) acked = counterOf((await get(first.port, first.counterPath, cookie)).body);
    const before = fs.readdirSync(store).filter((n) => n.startsWith('.pier-journal-'));

    const second = await runToExit(suite.base, [`jetty.session.file.storeDir=${store}`]);
    const errorLines = second.out.split('\n').filter((l) => l.startsWith('ERROR'));
    for (let i = 0; i < 3; i++) acked = counterOf((await get(first.port, first.counterPath, cookie)).body);
    const journalsAfter = fs.readdirSync(store).filter((n) => n.startsWith('.pier-journal-'));

    await first.kill('SIGKILL');
    suite.server = await PierProcess.start('bin/start', suite.base, store);
    const restarted = counterOf((await get(suite.server.port, suite.server.counterPath, cookie)).body);
    reportFigures('second process on the store folder', {
      exitCode: second.code,
      errorLines: errorLines.length,
      errorLine: errorLines[0] ?? null,
      journalsBefore: before.length,
      journalsKept: before.filter((n) => journalsAfter.includes(n)).length,
      lastAcknowledged: acked,
      afterKillAndRestart: restarted,
    });
    expect(second.code, second.out).to.not.equal(0);
    expect(errorLines, second.out).to.have.length(1);
    expect(errorLines[0]).to.match(
      new RegExp(
        `^ERROR : Cannot start .*: session store folder '${fs.realpathSync(store)}' is in use by process ${first.child.pid} on host '[^']+' \\(.*\\); stop that process first, or give this server its own store folder$`,
      ),
    );
    expect(second.out).to.not.match(/Started Server/);
    expect(
      journalsAfter.length + before.length === 0 || before.every((n) => journalsAfter.includes(n) || !fs.existsSync(path.join(store, n))),
      "the first process's journal generations",
    ).to.equal(true);
    expect(restarted, 'the counter after the first process was killed and restarted').to.equal(acked + 1);
  });

  it('leaves only the app whose own store folder is in use unavailable (503), with that line, while the others serve', async () => {
    const held = path.join(suite.base, 'sessions-held');
    if (suite.server) await suite.server.kill('SIGKILL');
    suite.server = await PierProcess.start('bin/start', suite.base, held);
    const base2 = makeBase();
    others.push(base2);
    fs.cpSync(path.join(base2, 'webapps', 'ROOT'), path.join(base2, 'apps', 'other'), { recursive: true });
    fs.writeFileSync(
      path.join(base2, 'webapps', 'other.xml'),
      `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/other</Set>
  <Set name="war">${path.join(base2, 'apps', 'other')}</Set>
  <Call id="sh" name="getSessionHandler">
    <Set name="sessionCache">
      <New class="org.eclipse.jetty.server.session.DefaultSessionCache">
        <Arg><Ref id="sh"/></Arg>
        <Set name="sessionDataStore">
          <New class="org.eclipse.jetty.server.session.FileSessionDataStore"><Set name="storeDir">${held}</Set></New>
        </Set>
      </New>
    </Set>
  </Call>
</Configure>
`,
    );
    const second = await PierProcess.start('bin/start', base2, path.join(base2, 'sessions'));
    try {
      const root = await get(second.port, '/counter');
      const other = await get(second.port, '/other/counter');
      const lines = second
        .output()
        .split('\n')
        .filter((l) => l.includes('is in use by process'));
      reportFigures('an app whose store folder is in use', {
        rootStatus: root.status,
        otherStatus: other.status,
        lines: lines.length,
        line: lines[0] ?? null,
      });
      expect(root.status).to.equal(200);
      expect(other.status).to.equal(503);
      expect(lines, second.output()).to.have.length(1);
      expect(lines[0]).to.match(
        new RegExp(
          `Cannot start FileSessionDataStore of context '\\/other' vhost '0\\.0\\.0\\.0': session store folder '${fs.realpathSync(held)}' is in use by process ${suite.server.child.pid} `,
        ),
      );
    } finally {
      await second.kill('SIGKILL');
    }
  });
});
