/**
 * Resolves real Jetty 9.4 module files: a temporary jetty.home assembled from the corpus's
 * `*\/src/main/config*\/{modules,etc}` folders (the layout of Jetty's distribution).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as http from 'node:http';
import * as net from 'node:net';
import { Launch, launch } from '../../src/start/main';
import { inProcessLaunchEnvironment } from '../support/in-process-launch';
import { resolveStart } from '../../src/start/start-configuration';
import { UsageError } from '../../src/util/errors';
import { corpusPath, requireCorpus } from '../support/corpus';
import { makeBase, removeBase, preserveSystemProperties } from './support';

const CORPUS = corpusPath('jetty-9.4.x');

/**
 * The top-level modules of Jetty 9.4's distribution that resolve on their own. Each other one needs a
 * choice (a provider of slf4j-impl or session-store, runtime.feature.alpn) or names a module or file that
 * the corpus does not hold (etc/jetty-inetaccess.xml, ...). A dependency on a module Pier knows but does not provide
 * (plus, unixsocket, websocket's javax-websocket...) resolves to Pier's entry for it.
 */
const RESOLVE_ALONE: readonly string[] = [
  'acceptratelimit',
  'annotations',
  'apache-jsp',
  'apache-jstl',
  'bytebufferpool',
  'cdi',
  'cdi-decorate',
  'cdi-spi',
  'cdi2',
  'client',
  'connectionlimit',
  'console-capture',
  'continuation',
  'customrequestlog',
  'debug',
  'debuglog',
  'decorate',
  'deploy',
  'ext',
  'fcgi',
  'flight-recorder',
  'gcloud',
  'gzip',
  'home-base-warning',
  'http',
  'http-forwarded',
  'http2c',
  'https',
  'infinispan-embedded',
  'infinispan-embedded-query',
  'infinispan-remote',
  'ipaccess',
  'jaas',
  'jaspi',
  'jdbc',
  'jmx',
  'jmx-remote',
  'jul-impl',
  'jvm',
  'log4j-impl',
  'log4j2-api',
  'log4j2-impl',
  'log4j2-slf4j',
  'logback-impl',
  'logging-jetty',
  'logging-jul',
  'logging-log4j',
  'logging-log4j2',
  'logging-logback',
  'lowresources',
  'proxy',
  'proxy-protocol',
  'proxy-protocol-ssl',
  'quickstart',
  'requestlog',
  'resources',
  'rewrite',
  'rewrite-compactpath',
  'rewrite-customizer',
  'security',
  'server',
  'servlet',
  'servlets',
  'session-cache-hash',
  'session-cache-null',
  'session-store-file',
  'session-store-hazelcast-embedded',
  'session-store-hazelcast-remote',
  'session-store-infinispan-embedded',
  'session-store-infinispan-remote',
  'session-store-jdbc',
  'session-store-mongo',
  'sessions',
  'slf4j-api',
  'slf4j-jul',
  'slf4j-log4j',
  'slf4j-log4j2',
  'slf4j-logback',
  'slf4j-simple-impl',
  'spring',
  'ssl',
  'ssl-reload',
  'stats',
  'threadlimit',
  'threadpool',
  'unixsocket-forwarded',
  'unixsocket-http',
  'unixsocket-http2c',
  'unixsocket-prefix',
  'unixsocket-proxy-protocol',
  'unixsocket-secure',
  'unixsocket-suffix',
  'webapp',
  'websocket',
];

/** Copies every `src/main/config*` `modules/` and `etc/` tree of the corpus into one home. */
function assembleHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-jetty-home-'));
  const visit = (dir: string, depth: number): void => {
    if (depth > 6) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = path.join(dir, e.name);
      if (/^config(-templates?)?$/.test(e.name) && path.basename(dir) === 'main') {
        for (const sub of ['modules', 'etc']) {
          const from = path.join(p, sub);
          if (fs.existsSync(from)) fs.cpSync(from, path.join(home, sub), { recursive: true, force: false, errorOnExist: false });
        }
        continue;
      }
      if (['test', 'tests', 'examples', 'jetty-start', 'jetty-osgi', 'jetty-maven-plugin', 'jetty-distribution', 'jetty-home'].includes(e.name))
        continue;
      visit(p, depth + 1);
    }
  };
  visit(CORPUS, 0);
  const chmod = (d: string, depth: number): void => {
    if (depth > 10) return;
    fs.chmodSync(d, 0o755);
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) chmod(p, depth + 1);
      else fs.chmodSync(p, 0o644);
    }
  };
  chmod(home, 0);
  return home;
}

describe('Jetty 9.4 distribution modules', function () {
  preserveSystemProperties();
  let home: string;
  let base: string;

  before(function () {
    requireCorpus(this);
    home = assembleHome();
  });
  after(() => {
    if (home) removeBase(home);
  });
  beforeEach(() => {
    base = makeBase();
  });
  afterEach(() => removeBase(base));

  const rel = (files: { path: string }[]): string[] => files.map((f) => path.relative(home, f.path));

  it('orders the XML files of session-store-file and session-cache-hash as start.jar does', () => {
    const cfg = resolveStart(['--module=session-store-file,session-cache-hash'], { cwd: base, home });
    const xmls = rel(cfg.xmls);
    const wanted = ['etc/jetty.xml', 'etc/sessions/id-manager.xml', 'etc/sessions/session-cache-hash.xml', 'etc/sessions/file/session-store.xml'];
    expect(xmls.filter((x) => wanted.includes(x))).to.deep.equal(wanted);
    expect(xmls.indexOf('etc/jetty-threadpool.xml')).to.be.lessThan(xmls.indexOf('etc/jetty.xml'));
  });

  it('enables the JDBC store with its dynamic datasource module chosen by db-connection-type', () => {
    const cfg = resolveStart(['--module=session-store-jdbc'], { cwd: base, home });
    expect(cfg.enabled.map((m) => m.name)).to.include('sessions/jdbc/datasource');
    expect(cfg.args.props.getString('db-connection-type')).to.equal('datasource');
    const xmls = rel(cfg.xmls);
    expect(xmls.indexOf('etc/sessions/jdbc/datasource.xml')).to.be.lessThan(xmls.indexOf('etc/sessions/jdbc/session-store.xml'));
  });

  it('switches the dynamic module when the user sets db-connection-type=driver', () => {
    const cfg = resolveStart(['--module=session-store-jdbc', 'db-connection-type=driver'], { cwd: base, home });
    expect(cfg.enabled.map((m) => m.name)).to.include('sessions/jdbc/driver');
    expect(cfg.enabled.map((m) => m.name)).not.to.include('sessions/jdbc/datasource');
  });

  it("explains a removed module name with Jetty's deprecated.properties", () => {
    const dep = path.join(CORPUS, 'jetty-home/src/main/resources/modules/deprecated.properties');
    fs.copyFileSync(dep, path.join(home, 'modules', 'deprecated.properties'));
    expect(() => resolveStart(['--module=jdbc-sessions'], { cwd: base, home })).to.throw(
      UsageError,
      /Cannot enable module 'jdbc-sessions' \(from <command-line>\): deprecated module: replaced by 'session-store-jdbc'/,
    );
  });

  it('refuses two session stores', () => {
    expect(() => resolveStart(['--module=session-store-file,session-store-jdbc'], { cwd: base, home })).to.throw(
      UsageError,
      /capability 'session-store' is already provided by enabled module 'session-store-file'/,
    );
  });

  it('writes start.d/session-store-file.ini with the active storeDir line and creates sessions/', async () => {
    fs.mkdirSync(path.join(base, 'start.d'));
    let output = '';
    const env = inProcessLaunchEnvironment(base, (t) => (output += t));
    expect(await launch(['--add-to-start=session-store-file', `jetty.home=${home}`], env)).to.equal(0);
    const ini = fs.readFileSync(path.join(base, 'start.d', 'session-store-file.ini'), 'utf8');
    expect(ini).to.match(/^--module=session-store-file$/m);
    expect(ini).to.match(/^jetty\.session\.file\.storeDir=\$\{jetty\.base\}\/sessions$/m);
    expect(ini).to.match(/^#jetty\.session\.file\.deleteUnrestorableFiles=false$/m);
    expect(fs.statSync(path.join(base, 'sessions')).isDirectory()).to.equal(true);
    expect(output).to.match(/server\s+transitively enabled/);
    expect(output).to.match(/sessions\s+transitively enabled, ini template available with --add-to-start=sessions/);
    expect(fs.readdirSync(path.join(base, 'start.d'))).to.deep.equal(['session-store-file.ini']);
    // The next start sees the store directory, expanded for the XML.
    const cfg = resolveStart([], { cwd: base, home });
    expect(cfg.xmlProperties().get('jetty.session.file.storeDir')).to.equal(path.join(path.resolve(base), 'sessions'));
  });

  /** Starts a base with Jetty's own XML files in process, GETs one path, stops; returns the status. */
  async function startAndGet(modules: string): Promise<{ status: number; output: string }> {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    let output = '';
    const env = inProcessLaunchEnvironment(base, (t) => (output += t));
    const result = (await launch(
      [`--module=${modules}`, `jetty.home=${home}`, `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'],
      env,
    )) as Launch;
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/nothing', agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.setTimeout(10000, () => req.destroy(new Error('GET timed out')));
      });
      return { status, output };
    } finally {
      for (const o of [...result.started].reverse()) await o.stop();
    }
  }

  it("starts a server from Jetty's own jetty.xml, jetty-http.xml, request log and file session XML files", async () => {
    const { status, output } = await startAndGet('http,requestlog,session-store-file,session-cache-hash');
    expect(output).to.match(/Started Server@\S+ on http:\/\/127\.0\.0\.1:\d+/);
    expect(status).to.equal(404);
    expect(fs.readdirSync(path.join(base, 'logs')).some((f) => f.endsWith('.request.log'))).to.equal(true);
  });

  it("starts a server with Jetty's own deploy and webapp XML files", async () => {
    // etc/jetty-webapp.xml calls StringUtil.csvSplit and WebAppContext.addSystemClasses.
    const { status, output } = await startAndGet('http,deploy');
    expect(output).to.match(/Started Server@\S+ on http:\/\/127\.0\.0\.1:\d+/);
    expect(status).to.equal(404);
  });

  it('resolves exactly the top-level modules of the distribution that stand alone, and explains each other one', function () {
    this.timeout(20_000);
    const names = fs
      .readdirSync(path.join(home, 'modules'))
      .filter((n) => n.endsWith('.mod'))
      .map((n) => n.slice(0, -4))
      .sort();
    const resolved: string[] = [];
    const failures: string[] = [];
    for (const name of names) {
      try {
        resolveStart([`--module=${name}`], { cwd: base, home });
        resolved.push(name);
      } catch (err) {
        expect(err, name).to.be.instanceOf(UsageError);
        failures.push(`${name}: ${(err as Error).message}`);
      }
    }
    console.log(`      ${names.length} modules: ${resolved.length} resolve alone, ${failures.length} need a choice or a missing file`);
    if (process.env.PIER_START_VERBOSE) for (const f of failures) console.log(`        ${f}`);
    expect(resolved).to.deep.equal(RESOLVE_ALONE);
  });
});
