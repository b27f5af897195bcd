/**
 * `npm pack` makes a package a user can install: packing compiles (prepack), and the tarball, installed into an
 * empty project (its dependencies from the registry), loads its main export and every subpath, starts a server
 * from code with the XML it ships, runs `pier-start`, and type-checks a strict TypeScript file against its types.
 * Slow (a build and an install), so it is its own suite: `npm run test:pack`.
 * @module
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';

describe('The packed tarball (npm pack), installed into an empty project', function () {
  this.timeout(600_000);
  const repo = repoRoot();
  let work: string;
  let project: string;
  let tarball: string;
  const run = (cmd: string, args: string[], cwd = project) =>
    spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-pack-'));
    const packed = run('npm', ['pack', '--json', '--pack-destination', work], repo);
    expect(packed.status, packed.stderr).to.equal(0);
    tarball = path.join(work, JSON.parse(packed.stdout)[0].filename);
    project = path.join(work, 'app');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    const installed = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball]);
    expect(installed.status, installed.stderr).to.equal(0);
    expect(installed.stderr, 'npm install warnings').to.not.match(/EBADENGINE/);
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('holds the compiled code, the launcher and the XML, and no tests or bench', () => {
    const list = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(list).to.include.members([
      'package/dist/src/index.js',
      'package/dist/src/index.d.ts',
      'package/bin/start',
      'package/etc/jetty.xml',
      'package/etc/jetty-http.xml',
      'package/modules/http.mod',
      'package/README.md',
    ]);
    expect(
      list.filter((f) => /^package\/(dist\/)?(test|bench)\//.test(f)),
      'tests or bench in the tarball',
    ).to.deep.equal([]);
  });

  it('loads the main export and every subpath its exports map names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'node_modules/pier/package.json'), 'utf8'));
    const subpaths = Object.keys(pkg.exports)
      .filter((p) => p !== './package.json')
      .map((p) => p.replace(/^\./, 'pier'));
    expect(subpaths).to.include.members(['pier', 'pier/xml', 'pier/session', 'pier/deploy/dev']);
    const script = `for (const s of ${JSON.stringify(subpaths)}) { const m = require(s); if (Object.keys(m).length === 0) throw new Error(s + ' exports nothing'); }
console.log(typeof require('pier').XmlConfiguration, typeof require('pier/server').Server);`;
    const r = run(process.execPath, ['-e', script]);
    expect(r.stderr).to.equal('');
    expect(r.stdout.trim()).to.equal('function function');
  });

  it('starts a server from code with the jetty.xml and jetty-http.xml it ships, and stops it', () => {
    fs.writeFileSync(
      path.join(project, 'serve.js'),
      `
const path = require('node:path');
const { XmlConfiguration } = require('pier');
const etc = path.join(path.dirname(require.resolve('pier/package.json')), 'etc');
const [server] = XmlConfiguration.applyAll([path.join(etc, 'jetty.xml'), path.join(etc, 'jetty-http.xml')],
  { properties: { 'jetty.http.host': '127.0.0.1', 'jetty.http.port': '0' } });
server.start()
  .then(() => fetch(server.getURI()))
  .then(async (res) => { console.log(res.status, res.headers.get('server')); await server.stop(); });
`,
    );
    const r = run(process.execPath, ['serve.js']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout.trim()).to.match(/^404 Pier\(/);
  });

  it('runs the pier-start command from node_modules/.bin', () => {
    const r = run(path.join(project, 'node_modules/.bin/pier-start'), ['--list-modules']);
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/session-store-file/);
  });

  it('says how to build better-sqlite3 when XML asks for SQLite and the package was installed without its native part', () => {
    const added = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', 'better-sqlite3@12']);
    expect(added.status, added.stderr).to.equal(0);
    fs.writeFileSync(
      path.join(project, 'sqlite.js'),
      `
const { XmlConfiguration } = require('pier');
const xml = \`<Configure class="org.eclipse.jetty.server.Server">
  <New class="org.eclipse.jetty.server.session.DatabaseAdaptor">
    <Call name="setDriverInfo"><Arg>org.sqlite.JDBC</Arg><Arg>jdbc:sqlite:sessions.db</Arg></Call>
  </New>
</Configure>\`;
try { XmlConfiguration.fromString(xml, 'sqlite.xml').configure(); console.log('configured'); }
catch (e) { console.log(e.message); }
`,
    );
    const r = run(process.execPath, ['sqlite.js']);
    expect(r.stderr).to.equal('');
    const [first, ...rest] = r.stdout.trim().split('\n');
    expect(first).to.equal(
      "sqlite.xml:3:5: Cannot use JDBC URL 'jdbc:sqlite:sessions.db': the npm package 'better-sqlite3' is installed but its native part was never built (run npm rebuild better-sqlite3; in a Pier checkout, npm run build:sqlite)",
    );
    expect(rest, 'lines after the message').to.deep.equal(['  at Configure > New[DatabaseAdaptor] > Call[setDriverInfo]']);
  });

  it('type-checks a strict TypeScript file against its types, with only what the package declares', () => {
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', noEmit: true },
        files: ['main.ts'],
      }),
    );
    fs.writeFileSync(
      path.join(project, 'main.ts'),
      `
import { Server, ServerConnector, XmlConfiguration, HttpServlet, type HttpServletRequest, type HttpServletResponse } from 'pier';
import { Log } from 'pier/log';
import { FileSessionDataStore } from 'pier/session/stores/file';
class Hello extends HttpServlet {
  protected override doGet(_req: HttpServletRequest, res: HttpServletResponse): void { res.getWriter().println('hello'); }
}
const server: Server = new Server();
const connector = new ServerConnector(server);
connector.setPort(0);
server.addConnector(connector);
const store = new FileSessionDataStore();
store.setStoreDir('/tmp/sessions');
const cfg: XmlConfiguration = XmlConfiguration.fromString('<Configure class="org.eclipse.jetty.server.Server"/>', 'inline.xml');
Log.getLogger('app').info('ready', String(new Hello()), String(cfg));
`,
    );
    const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
    const r = run(process.execPath, [tsc, '-p', 'tsconfig.json']);
    expect(r.stdout + r.stderr).to.equal('');
    expect(r.status).to.equal(0);
  });
});
