/**
 * The `pier-console` module through `bin/start`: it refuses to start without a realm, and with BASIC
 * login it answers only a user of its role. The browser suite (test/browser/session-console.test.ts)
 * drives its pages.
 * @module
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, PierProcess, freePort, repoRoot, request } from '../support/pier-process';

function consoleBase(lines: string[]): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-console-module-'));
  fs.writeFileSync(path.join(base, 'start.ini'), ['--module=http', '--module=pier-console', 'jetty.http.host=127.0.0.1', ...lines].join('\n') + '\n');
  return base;
}

function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

describe('The pier-console module', function () {
  this.timeout(60_000);
  const bases: string[] = [];
  after(() => {
    for (const b of bases) fs.rmSync(b, { recursive: true, force: true });
  });

  it('stops the start with one line when no realm file is configured, so it never runs unprotected', () => {
    const base = consoleBase([]);
    bases.push(base);
    const r = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'start'), 'jetty.http.port=0'], {
      cwd: base,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PIER_DIST: DIST },
    });
    expect(r.status).to.equal(2);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('ERROR'));
    expect(errors).to.deep.equal([
      "ERROR : Cannot start HashLoginService 'Pier console': neither config (a realm.properties file) nor a userStore is set",
    ]);
    expect(r.stdout).to.not.match(/^Started /m);
  });

  it('with BASIC login answers 401 without credentials, 403 to a user without the role, and the contexts to an admin', async () => {
    const base = consoleBase(['pier.console.realm=${jetty.base}/realm.properties', 'pier.console.authMethod=BASIC', 'pier.console.contextPath=/ops']);
    bases.push(base);
    fs.writeFileSync(path.join(base, 'realm.properties'), 'root: pw-root,pier-admin\nclerk: pw-clerk,user\n');
    const port = await freePort();
    const server = await PierProcess.start(base, [`jetty.http.port=${port}`], 60_000);
    try {
      const anonymous = await request(port, '/ops/');
      expect(anonymous.status).to.equal(401);
      expect(String(anonymous.headers['www-authenticate'])).to.equal('basic realm="Pier console"');
      expect((await request(port, '/ops/', { headers: basic('clerk', 'pw-clerk') })).status).to.equal(403);
      const admin = await request(port, '/ops/', { headers: basic('root', 'pw-root') });
      expect(admin.status).to.equal(200);
      expect(admin.body).to.contain('<table id="contexts">');
      expect(admin.body).to.contain('>/ops</a>');
      expect((await request(port, '/ops/console.css', { headers: basic('root', 'pw-root') })).headers['content-type']).to.match(/^text\/css/);
    } finally {
      await server.stop();
    }
  });
});
