/**
 * The seeds' XML (Jetty 9.3 "Using Persistent Sessions") verbatim: in a context file and in
 * WEB-INF/jetty-web.xml, in-process and through bin/start in a child process.
 * @module
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { XmlConfiguration } from '../../../src/ioc/xml-configuration';
import { HashSessionManager } from '../../../src/session/legacy/hash-session-manager';
import { WebAppContext } from '../../../src/webapp/web-app-context';
import { corpusRoot, repoRoot } from '../../support/corpus';
// Every Jetty class the XML may name is registered by importing the package (the file store included).
import '../../../src';
import { sessionFiles, tempDir } from './support';

const fixtures = (): string => path.join(repoRoot(), 'test', 'fixtures', 'legacy');
/** The compiled tree (dist/ or .out/<name>/) holding src/ and test/. */
const outRoot = (): string => path.resolve(__dirname, '..', '..', '..');

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 32 });

function get(port: number, p: string, cookie?: string | null, agent: http.Agent | false = false): Promise<{ status: number; body: string; cookie: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, agent, headers: cookie ? { cookie } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'),
        cookie: (res.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? null }));
    });
    req.setTimeout(15000, () => req.destroy(new Error(`Cannot GET ${p}: no answer`)));
    req.on('error', reject);
    req.end();
  });
}

/** bin/start in `base`; resolves with the port once it logs "Started ... http://127.0.0.1:<port>". */
async function launch(base: string): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  let out = '';
  // Until src/index.ts re-exports src/session/legacy, the launcher's class loader does not load it: preload it.
  const preload = `--require ${path.join(outRoot(), 'src', 'session', 'legacy', 'index.js')}`;
  const child = spawn(process.execPath, [path.join(repoRoot(), 'bin', 'start')], {
    cwd: base, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PIER_DIST: outRoot(), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${preload}`.trim() },
  });
  const collect = (d: Buffer): void => { if (out.length < 100000) out += d.toString(); };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`Cannot start bin/start: not started in 30 s\n${out}`)); }, 30000);
    const check = (): void => {
      const m = /Started [^\n]*?http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m && Number(m[1]) > 0) { clearTimeout(timer); resolve(Number(m[1])); }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Cannot start bin/start: exited with ${code}\n${out}`)); });
  });
  child.removeAllListeners('exit');
  return { child, port, output: () => out };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('Cannot stop bin/start: still running after 30 s')); }, 30000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

/** Runs `fn` for 0..n-1 with at most `limit` calls in flight. */
async function mapBounded<T>(n: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const worker = async (): Promise<void> => { while (next < n) { const i = next++; out[i] = await fn(i); } };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return out;
}

describe('HashSessionManager configured by the seeds\' Jetty 9.3 XML', () => {
  let root: string;
  after(() => keepAlive.destroy());
  beforeEach(() => {
    root = tempDir('pier-legacy-seed-');
    fs.cpSync(fixtures(), root, { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('sets a HashSessionManager as the WebAppContext session handler from the context file, verbatim', () => {
    const file = path.join(root, 'base', 'webapps', 'counter.xml');
    const context = new WebAppContext();
    new XmlConfiguration(file, { properties: { 'jetty.base': path.join(root, 'base') } }).configure(context);
    const handler = context.getSessionHandler();
    expect(handler).to.be.instanceOf(HashSessionManager);
    expect((handler as HashSessionManager).getStoreDirectory()).to.equal(path.resolve('your/chosen/directory/goes/here'));
    expect(context.getContextPath()).to.equal('/counter');
  });

  it('sets a lazily loading HashSessionManager from WEB-INF/jetty-web.xml (seed 001)', () => {
    const context = new WebAppContext();
    new XmlConfiguration(path.join(root, 'apps', 'lazy', 'WEB-INF', 'jetty-web.xml')).configure(context);
    const handler = context.getSessionHandler() as HashSessionManager;
    expect(handler).to.be.instanceOf(HashSessionManager);
    expect(handler.isLazyLoad()).to.equal(true);
  });

  it("applies Jetty 9.3's own doc snippets: the persistent-sessions forms and <Set name=\"sessionManager\">", () => {
    const snippets = path.join(corpusRoot(), 'jetty-9.3.x', 'doc-snippets');
    const persistent = new WebAppContext();
    new XmlConfiguration(path.join(snippets, 'using-persistent-sessions.1.xml')).configure(persistent);
    expect((persistent.getSessionHandler() as HashSessionManager).getStoreDirectory()).to.equal(path.resolve('your/chosen/directory/goes/here'));
    const characteristics = new WebAppContext();
    const listener = { sessionCreated: () => undefined };
    characteristics.getSessionHandler()!.addEventListener(listener);
    new XmlConfiguration(path.join(snippets, 'setting-session-characteristics.2.xml')).configure(characteristics);
    const m = characteristics.getSessionHandler() as HashSessionManager;
    expect(m).to.be.instanceOf(HashSessionManager);
    expect(m.getSessionCookieName()).to.equal('XSESSIONID');
    expect(m.getSessionIdPathParameterName()).to.equal('xsessionid');
    expect(m.getEventListeners()).to.include(listener);
    expect(characteristics.getContextPath()).to.equal('/test');
  });

  it("applies the README's 9.3 example and its 9.4 equivalent to a WebAppContext", () => {
    const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
    // The XML blocks of README's section "A 9.3 configuration and its 9.4 equivalent".
    const start = readme.indexOf('### A 9.3 configuration and its 9.4 equivalent');
    expect(start, 'the README section').to.be.greaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
    const blocks = [...section.matchAll(/```xml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).to.equal(2);
    const old = new WebAppContext();
    XmlConfiguration.fromString(blocks[0], 'readme-9.3.xml').configure(old);
    const m = old.getSessionHandler() as HashSessionManager;
    expect(m).to.be.instanceOf(HashSessionManager);
    expect([m.getStoreDirectory(), m.isLazyLoad(), m.getIdleSavePeriod(), m.isDeleteUnrestorableSessions()])
      .to.deep.equal([path.resolve('sessions/shop'), true, 60, true]);
    const now = new WebAppContext();
    XmlConfiguration.fromString(blocks[1], 'readme-9.4.xml').configure(now);
    const cache = now.getSessionHandler()!.getSessionCache() as unknown as {
      getEvictionPolicy(): number; isSaveOnInactiveEviction(): boolean; isRemoveUnloadableSessions(): boolean;
      getSessionDataStore(): { getStoreDir(): string; isDeleteUnrestorableFiles(): boolean };
    };
    expect([cache.getEvictionPolicy(), cache.isSaveOnInactiveEviction(), cache.isRemoveUnloadableSessions()]).to.deep.equal([60, true, true]);
    expect(cache.getSessionDataStore().getStoreDir()).to.equal(path.resolve('sessions/shop'));
    expect(cache.getSessionDataStore().isDeleteUnrestorableFiles()).to.equal(true);
  });

  it('through bin/start, keeps the sessions of both apps across a SIGTERM and a restart', async function () {
    this.timeout(120000);
    const base = path.join(root, 'base');
    let run = await launch(base);
    let counter: string | null;
    let lazy: string | null;
    try {
      const c1 = await get(run.port, '/counter/inc');
      counter = c1.cookie;
      expect(c1.body).to.equal('n=1');
      expect((await get(run.port, '/counter/inc', counter)).body).to.equal('n=2');
      const l1 = await get(run.port, '/lazy/inc');
      lazy = l1.cookie;
      expect(l1.body).to.equal('n=1');
    } finally {
      await stop(run.child);
    }
    const counterId = counter!.split('=')[1].split('.')[0];
    const lazyId = lazy!.split('=')[1].split('.')[0];
    expect(sessionFiles(path.join(base, 'your/chosen/directory/goes/here'))).to.deep.equal([counterId]);
    expect(sessionFiles(path.join(base, 'lazy-sessions'))).to.deep.equal([lazyId]);
    run = await launch(base);
    try {
      expect(sessionFiles(path.join(base, 'lazy-sessions'))).to.deep.equal([lazyId]);
      expect((await get(run.port, '/counter/get', counter)).body).to.equal('n=2');
      expect((await get(run.port, '/counter/inc', counter)).body).to.equal('n=3');
      expect((await get(run.port, '/lazy/inc', lazy)).body).to.equal('n=2');
    } finally {
      await stop(run.child);
    }
  });

  it('through bin/start, keeps 10,000 sessions, all of them with their attributes, across a SIGTERM and a restart', async function () {
    this.timeout(180000);
    const base = path.join(root, 'base');
    const store = path.join(base, 'your/chosen/directory/goes/here');
    let run = await launch(base);
    let cookies: (string | null)[];
    try {
      cookies = (await mapBounded(10000, 32, (i) => get(run.port, `/counter/set?v=s${i}`, null, keepAlive))).map((r) => r.cookie);
    } finally {
      keepAlive.destroy();
      await stop(run.child);
    }
    expect(new Set(cookies).size).to.equal(10000);
    expect(sessionFiles(store).length).to.equal(10000);
    run = await launch(base);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    try {
      const back = await mapBounded(10000, 32, (i) => get(run.port, '/counter/v', cookies[i], agent));
      expect(back.filter((r, i) => r.body !== `v=s${i}`).length).to.equal(0);
      expect(sessionFiles(store).length).to.equal(0);
    } finally {
      agent.destroy();
      await stop(run.child);
    }
    expect(sessionFiles(store).length).to.equal(10000);
  });
});
