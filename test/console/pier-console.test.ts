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

  function startFails(base: string, args: string[] = []): string[] {
    const r = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'start'), 'jetty.http.port=0', ...args], {
      cwd: base,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PIER_DIST: DIST },
    });
    expect(r.status).to.equal(2);
    expect(r.stdout).to.not.match(/^Started /m);
    return r.stderr.split('\n').filter((l) => l.startsWith('ERROR'));
  }

  /** The one ERROR line's parts: the XML location, the console's message, the element path. */
  function consoleError(lines: string[]): { location: string; message: string } {
    expect(lines).to.have.length(1);
    const m = /^ERROR : (.*pier-console\.xml:\d+:\d+): (.*) \(at Configure > .* > Set\[config\] > Call\[check\]\)$/.exec(lines[0]);
    expect(m, lines[0]).to.not.equal(null);
    return { location: m![1], message: m![2] };
  }

  it('stops the start with one line naming pier.console.realm, its module file and where to set it when no realm file is configured', () => {
    const base = consoleBase([]);
    bases.push(base);
    const { location, message } = consoleError(startFails(base));
    expect(location).to.equal(`${path.join(repoRoot(), 'etc', 'pier-console.xml')}:35:19`);
    expect(message).to.equal(
      "Cannot protect the session console: property 'pier.console.realm' (module pier-console, modules/pier-console.mod) is not set: " +
        'set it to a realm file of "user: password,role" lines (the role of pier.console.role, pier-admin by default) ' +
        'in start.d/pier-console.ini (bin/start --add-to-start=pier-console writes one), start.ini or on the command line',
    );
  });

  it('stops the start with one line naming the realm file and the property when the file does not exist', () => {
    const base = consoleBase(['pier.console.realm=${jetty.base}/etc/missing-realm.properties']);
    bases.push(base);
    const { message } = consoleError(startFails(base));
    expect(message).to.equal(
      `Cannot protect the session console: the realm file '${path.join(base, 'etc', 'missing-realm.properties')}' of property 'pier.console.realm' ` +
        '(module pier-console, modules/pier-console.mod) cannot be read: it does not exist: create it with "user: password,role" lines ' +
        '(the role of pier.console.role, pier-admin by default), or set the property in start.d/pier-console.ini ' +
        '(bin/start --add-to-start=pier-console writes one), start.ini or on the command line',
    );
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
