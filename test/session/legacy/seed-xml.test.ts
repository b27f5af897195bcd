/**
 * The seeds' XML (Jetty 9.3 "Using Persistent Sessions") verbatim: in a context file and in
 * WEB-INF/jetty-web.xml, in-process and through bin/start in a child process.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XmlConfiguration } from '../../../src/ioc/xml-configuration';
import { HashSessionManager } from '../../../src/session/legacy/hash-session-manager';
import { WebAppContext } from '../../../src/webapp/web-app-context';
import { corpusRoot, repoRoot, requireCorpus } from '../../support/corpus';
// Every Jetty class the XML may name is registered by importing the package (the file store included).
import '../../../src';
import { copySeedFixtures, get, launch, stop } from './seed-base';
import { sessionFiles } from './support';

describe("HashSessionManager configured by the seeds' Jetty 9.3 XML", () => {
  let root: string;
  beforeEach(() => {
    root = copySeedFixtures();
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

  it('applies Jetty 9.3\'s own doc snippets: the persistent-sessions forms and <Set name="sessionManager">', function () {
    requireCorpus(this);
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

  it("applies docs/sessions.md's 9.3 example and its 9.4 equivalent to a WebAppContext", () => {
    const readme = fs.readFileSync(path.join(repoRoot(), 'docs/sessions.md'), 'utf8');
    // The XML blocks of the section "A 9.3 configuration and its 9.4 equivalent".
    const start = readme.indexOf('### A 9.3 configuration and its 9.4 equivalent');
    expect(start, 'the docs section').to.be.greaterThan(0);
    const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
    const blocks = [...section.matchAll(/```xml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).to.equal(2);
    const old = new WebAppContext();
    XmlConfiguration.fromString(blocks[0], 'readme-9.3.xml').configure(old);
    const m = old.getSessionHandler() as HashSessionManager;
    expect(m).to.be.instanceOf(HashSessionManager);
    expect([m.getStoreDirectory(), m.isLazyLoad(), m.getIdleSavePeriod(), m.isDeleteUnrestorableSessions()]).to.deep.equal([
      path.resolve('sessions/shop'),
      true,
      60,
      true,
    ]);
    const now = new WebAppContext();
    XmlConfiguration.fromString(blocks[1], 'readme-9.4.xml').configure(now);
    const cache = now.getSessionHandler()!.getSessionCache() as unknown as {
      getEvictionPolicy(): number;
      isSaveOnInactiveEviction(): boolean;
      isRemoveUnloadableSessions(): boolean;
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
});
