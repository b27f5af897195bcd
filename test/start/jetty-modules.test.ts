/**
 * Every module of Jetty 9.4 is known to Pier: provided ones are Jetty's files, the others warn in one
 * line (and the start goes on) or, where going on would be less safe, are refused in one line.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { resolveStart } from '../../src/start/start-configuration';
import { unprovidedModule, unprovidedModules } from '../../src/start/unprovided-modules';
import { corpusPath, requireCorpus } from '../support/corpus';
import { DIST, freePort, PierProcess, request } from '../support/pier-process';
import { JETTY_HOME, requireJettyInstall } from '../support/jetty-install';
import { makeBase, removeBase, repoRoot } from './support';

const BIN = path.join(repoRoot(), 'bin', 'start');

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: { ...process.env, PIER_DIST: DIST } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The provided modules: Jetty 9.4.57's module files, shipped unchanged (ssl: all but the demo keystore). */
const JETTY_MODULES_AS_SHIPPED = [
  'acceptratelimit',
  'bytebufferpool',
  'bytebufferpool-logarithmic',
  'connectionlimit',
  'customrequestlog',
  'gzip',
  'home-base-warning',
  'http-forwarded',
  'https',
  'ipaccess',
  'lowresources',
  'security',
  'servlet',
  'stats',
  'threadlimit',
];

/** Modules another change ships (issue 14: the session data cache). */
const SHIPPED_ELSEWHERE = ['session-store-cache'];

/** The top-level module names of Jetty 9.4's sources in the corpus (leaving out jetty-start's test fixtures). */
function corpusModuleNames(): string[] {
  const names = new Set<string>();
  const visit = (dir: string, depth: number): void => {
    if (depth > 8) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!['jetty-start', 'test', 'tests'].includes(e.name)) visit(p, depth + 1);
      } else if (e.name.endsWith('.mod') && path.basename(dir) === 'modules') {
        names.add(e.name.slice(0, -'.mod'.length));
      }
    }
  };
  visit(corpusPath('jetty-9.4.x'), 0);
  return [...names].sort();
}

describe('Jetty 9.4 modules on Pier', function () {
  this.timeout(30_000);
  let base: string;
  beforeEach(() => {
    base = makeBase();
  });
  afterEach(() => removeBase(base));

  it("knows every top-level module of Jetty 9.4's sources: a module file of this jetty.home or a known-but-unprovided entry", function () {
    requireCorpus(this);
    const names = corpusModuleNames();
    expect(names.length).to.be.greaterThan(90);
    const cfg = resolveStart([], { cwd: base, home: repoRoot() });
    const unknown = names.filter((n) => !cfg.modules.get(n) && !SHIPPED_ELSEWHERE.includes(n));
    expect(unknown).to.deep.equal([]);
  });

  it('knows every module of the installed Jetty 9.4.57', function () {
    requireJettyInstall(this);
    const names = fs
      .readdirSync(path.join(JETTY_HOME, 'modules'))
      .filter((f) => f.endsWith('.mod'))
      .map((f) => f.slice(0, -4));
    const cfg = resolveStart([], { cwd: base, home: repoRoot() });
    expect(names.filter((n) => !cfg.modules.get(n) && !SHIPPED_ELSEWHERE.includes(n))).to.deep.equal([]);
  });

  it('ships the provided modules as Jetty 9.4.57 wrote them', function () {
    requireJettyInstall(this);
    for (const m of JETTY_MODULES_AS_SHIPPED) {
      expect(fs.readFileSync(path.join(repoRoot(), 'modules', `${m}.mod`), 'utf8'), m).to.equal(
        fs.readFileSync(path.join(JETTY_HOME, 'modules', `${m}.mod`), 'utf8'),
      );
    }
  });

  it('starts a base that enables jsp, printing one WARN line that says what jsp does in Jetty and what to use instead', async () => {
    const port = await freePort();
    const pier = await PierProcess.start(base, ['--module=http,jsp', `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1']);
    try {
      const warns = pier.stderr.split('\n').filter((l) => l.startsWith('WARN  :'));
      expect(warns).to.deep.equal([
        "WARN  : Module 'jsp' is not provided by Pier: in Jetty it compiles and serves JSP pages with Apache Jasper; instead, write the pages as servlets, or render templates from a servlet; the start goes on without it",
      ]);
      expect((await request(port, '/')).status).to.equal(404);
    } finally {
      await pier.stop();
    }
  });

  for (const store of [
    'session-store-mongo',
    'session-store-gcloud',
    'session-store-hazelcast-embedded',
    'session-store-hazelcast-remote',
    'session-store-infinispan-embedded',
    'session-store-infinispan-remote',
  ]) {
    it(`refuses ${store} in one line that points to the Pier store taking its role`, () => {
      const r = run(['--module=http,sessions,' + store], base);
      expect(r.code, r.stderr).to.equal(3);
      const lines = r.stderr.trim().split('\n');
      expect(lines).to.have.length(1);
      expect(lines[0]).to.match(
        new RegExp(
          `^ERROR : Cannot enable module '${store}' \\(from <command-line>\\): in Jetty it stores sessions in .*, which Pier does not provide, and a session store silently replaced by another would lose every stored session; use .*session-store-(jdbc|redis).* instead$`,
        ),
      );
    });
  }

  it('refuses a module of the security family (setuid) also when --add-to-start names it, writing nothing', () => {
    const r = run(['--add-to-start=setuid'], base);
    expect(r.code).to.equal(3);
    expect(r.stderr).to.match(
      /^ERROR : Cannot enable module 'setuid' \(from <command-line>\): in Jetty it binds privileged ports as root and then switches to an unprivileged user, which Pier does not provide, and the server would keep running as the user that started it, root included; use .* instead\n$/,
    );
    expect(fs.existsSync(path.join(base, 'start.ini'))).to.equal(false);
  });

  it('lists every module with its state on Pier: provided, not provided or refused', () => {
    const r = run(['--list-modules=*'], base);
    expect(r.code, r.stderr).to.equal(0);
    const row = (name: string): string | undefined => r.stdout.split('\n').find((l) => l.slice(4).startsWith(`${name} `));
    expect(row('gzip')).to.match(/^\[ \] gzip +provided /);
    expect(row('jsp')).to.match(/^\[ \] jsp +not provided /);
    expect(row('session-store-mongo')).to.match(/^\[ \] session-store-mongo +refused /);
    for (const u of unprovidedModules()) expect(row(u.name), u.name).to.match(u.refusedBecause ? / refused / : / not provided /);
  });

  it('says a module is already enabled when --add-to-start names it again, as Jetty does', () => {
    expect(run(['--add-to-start=http,gzip'], base).code).to.equal(0);
    const again = run(['--add-to-start=gzip'], base);
    expect(again.code).to.equal(0);
    expect(again.stdout).to.contain('INFO  : gzip already enabled by [${jetty.base}/start.ini]');
  });

  it('documents every module Pier does not provide, with its state, in docs/operators.md', () => {
    const doc = fs.readFileSync(path.join(repoRoot(), 'docs', 'operators.md'), 'utf8');
    for (const u of unprovidedModules()) {
      expect(doc, u.name).to.contain(`| \`${u.name}\` | ${u.refusedBecause ? '**refused**' : 'warns'} | ${u.inJetty} |`);
    }
  });

  it('refuses the access-control, authentication and proxy-address modules and warns for the others', () => {
    const refused = unprovidedModules()
      .filter((u) => u.refusedBecause)
      .map((u) => u.name)
      .sort();
    expect(refused).to.deep.equal([
      'inetaccess',
      'jaas',
      'jaspi',
      'openid',
      'proxy-protocol',
      'proxy-protocol-ssl',
      'session-store-gcloud',
      'session-store-hazelcast-embedded',
      'session-store-hazelcast-remote',
      'session-store-infinispan-embedded',
      'session-store-infinispan-remote',
      'session-store-mongo',
      'setuid',
      'unixsocket-proxy-protocol',
    ]);
    expect(unprovidedModule('websocket')?.refusedBecause).to.equal(undefined);
  });
});
