import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST, eventually, repoRoot, request } from '../support/pier-process';
import { makeBase, removeBase } from './support';

describe('the console-capture module', function () {
  this.timeout(30_000);

  it('sends the start line and the log to logs/yyyy_mm_dd.jetty.log after one INFO line naming it, and the server serves', async () => {
    const base = makeBase({});
    const logs = path.join(base, 'logs');
    fs.writeFileSync(
      path.join(base, 'start.ini'),
      ['--module=http,console-capture', 'jetty.http.host=127.0.0.1', 'jetty.http.port=0', `jetty.console-capture.dir=${logs}`, ''].join('\n'),
    );
    const child = spawn(process.execPath, [path.join(repoRoot(), 'bin', 'start'), `jetty.base=${base}`], {
      cwd: base,
      env: { ...process.env, PIER_DIST: DIST },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let console = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (console += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (console += d));
    try {
      const file = (): string | undefined =>
        fs.existsSync(logs) ? fs.readdirSync(logs).find((f) => /^\d{4}_\d{2}_\d{2}\.jetty\.log$/.test(f)) : undefined;
      const text = (): string => fs.readFileSync(path.join(logs, file() as string), 'utf8');
      await eventually(async () => file() !== undefined && /^Started /m.test(text()), 20_000, 'the Started line in the captured file');
      const port = Number(/^Started .* on http:\/\/127\.0\.0\.1:(\d+)/m.exec(text())?.[1]);
      expect((await request(port, '/')).status).to.equal(404);
      expect(console).to.contain(`INFO::main: Console stderr/stdout captured to ${path.join(logs, file() as string)}`);
      expect(console).to.not.contain('Started ');
      expect(text()).to.match(/INFO:oejs\.Server:main: Started @\d+ms\n/);
    } finally {
      child.kill('SIGKILL');
      removeBase(base);
    }
  });
});
