/**
 * Tests that Pier's and Jetty 9.4's etc/sessions XML, and seed 003's context XML, configure our session classes.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JettyClass } from '../../src/ioc/metadata';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { Server } from '../../src/server/server';
import '../../src/session';
import { CachingSessionDataStoreFactory } from '../../src/session/caching-session-data-store-factory';
import { DefaultSessionCache } from '../../src/session/default-session-cache';
import { DefaultSessionCacheFactory } from '../../src/session/default-session-cache-factory';
import { DefaultSessionIdManager } from '../../src/session/default-session-id-manager';
import { NullSessionCacheFactory } from '../../src/session/null-session-cache-factory';
import { SessionHandler } from '../../src/session/session-handler';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import { FileSessionDataStoreFactory } from '../../src/session/stores/file/file-session-data-store-factory';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { corpusPath, repoRoot, storeEntries } from './support';
import { requireCorpus } from '../support/corpus';

const SOURCES: Record<string, string> = {
  'Pier etc/sessions': path.join(repoRoot(), 'etc/sessions'),
  'Jetty 9.4 corpus': corpusPath('jetty-9.4.x/jetty-server/src/main/config/etc/sessions'),
  'Jetty 10.0 corpus': corpusPath('jetty-10.0.x/jetty-server/src/main/config/etc/sessions'),
};

function apply(file: string, server: Server, props: Record<string, string> = {}): void {
  const idMap = new Map<string, unknown>([['Server', server]]);
  new XmlConfiguration(file, { idMap, properties: props }).configure(server);
}

for (const [label, dir] of Object.entries(SOURCES)) {
  describe(`session XML (${label})`, () => {
    if (dir.startsWith(corpusPath()))
      before(function () {
        requireCorpus(this);
      });
    it('id-manager.xml sets a DefaultSessionIdManager named node0 with a 600 s HouseKeeper', () => {
      const server = new Server();
      const saved = process.env.JETTY_WORKER_INSTANCE;
      delete process.env.JETTY_WORKER_INSTANCE;
      try {
        apply(path.join(dir, 'id-manager.xml'), server);
      } finally {
        if (saved !== undefined) process.env.JETTY_WORKER_INSTANCE = saved;
      }
      const idm = server.getSessionIdManager() as DefaultSessionIdManager;
      expect(idm).to.be.instanceOf(DefaultSessionIdManager);
      expect(idm.getWorkerName()).to.equal('node0');
      expect(idm.getServer()).to.equal(server);
      expect(idm.getSessionHouseKeeper()!.getIntervalSec()).to.equal(600);
    });

    it('id-manager.xml takes jetty.sessionIdManager.workerName and jetty.sessionScavengeInterval.seconds', () => {
      const server = new Server();
      apply(path.join(dir, 'id-manager.xml'), server, {
        'jetty.sessionIdManager.workerName': 'east1',
        'jetty.sessionScavengeInterval.seconds': '30',
      });
      const idm = server.getSessionIdManager() as DefaultSessionIdManager;
      expect(idm.getWorkerName()).to.equal('east1');
      expect(idm.getSessionHouseKeeper()!.getIntervalSec()).to.equal(30);
    });

    it('session-cache-hash.xml adds a DefaultSessionCacheFactory with the module defaults', () => {
      const server = new Server();
      apply(path.join(dir, 'session-cache-hash.xml'), server);
      const f = server.getBeans().find((b) => b instanceof DefaultSessionCacheFactory) as DefaultSessionCacheFactory;
      expect(f.getEvictionPolicy()).to.equal(-1);
      expect(f.isSaveOnInactiveEvict()).to.equal(false);
      expect(f.isSaveOnCreate()).to.equal(false);
      expect(f.isRemoveUnloadableSessions()).to.equal(false);
      expect(f.isFlushOnResponseCommit()).to.equal(false);
      expect(f.isInvalidateOnShutdown()).to.equal(false);
    });

    it('session-cache-hash.xml takes the jetty.session.* properties', () => {
      const server = new Server();
      apply(path.join(dir, 'session-cache-hash.xml'), server, {
        'jetty.session.evictionPolicy': '0',
        'jetty.session.saveOnCreate': 'true',
        'jetty.session.flushOnResponseCommit': 'true',
      });
      const f = server.getBeans().find((b) => b instanceof DefaultSessionCacheFactory) as DefaultSessionCacheFactory;
      expect(f.getEvictionPolicy()).to.equal(0);
      expect(f.isSaveOnCreate()).to.equal(true);
      expect(f.isFlushOnResponseCommit()).to.equal(true);
    });

    it('session-cache-null.xml adds a NullSessionCacheFactory', () => {
      const server = new Server();
      apply(path.join(dir, 'session-cache-null.xml'), server, { 'jetty.session.removeUnloadableSessions': 'true' });
      const f = server.getBeans().find((b) => b instanceof NullSessionCacheFactory) as NullSessionCacheFactory;
      expect(f.isRemoveUnloadableSessions()).to.equal(true);
    });

    it('file/session-store.xml adds a FileSessionDataStoreFactory with jetty.session.file.storeDir', () => {
      const server = new Server();
      apply(path.join(dir, 'file/session-store.xml'), server, {
        'jetty.session.file.storeDir': '/var/pier/sessions',
        'jetty.session.savePeriod.seconds': '5',
      });
      const f = server.getBeans().find((b) => b instanceof FileSessionDataStoreFactory) as FileSessionDataStoreFactory;
      expect(String(f.getStoreDir())).to.match(/var.pier.sessions$/);
      expect(f.getSavePeriodSec()).to.equal(5);
      expect(f.isDeleteUnrestorableFiles()).to.equal(false);
      expect(f.getGracePeriodSec()).to.equal(0);
    });

    it('the factories these files add are what a SessionHandler uses at start', async () => {
      const server = new Server();
      const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'pier-xml-'));
      try {
        apply(path.join(dir, 'id-manager.xml'), server);
        apply(path.join(dir, 'session-cache-hash.xml'), server);
        apply(path.join(dir, 'file/session-store.xml'), server, { 'jetty.session.file.storeDir': tmp });
        const h = new SessionHandler();
        h.setServer(server);
        await (server.getSessionIdManager() as DefaultSessionIdManager).start();
        await h.start();
        expect(h.getSessionCache()).to.be.instanceOf(DefaultSessionCache);
        expect(h.getSessionCache()!.getEvictionPolicy()).to.equal(-1);
        expect(h.getSessionCache()!.getSessionDataStore()).to.be.instanceOf(FileSessionDataStore);
        expect(h.getSessionIdManager()).to.equal(server.getSessionIdManager());
        await h.stop();
        await (server.getSessionIdManager() as DefaultSessionIdManager).stop();
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    });
  });
}

/** Stands for a SessionDataMapFactory such as MemcachedSessionDataMapFactory. */
@JettyClass('org.pier.test.FakeSessionDataMapFactory', { implements: ['org.eclipse.jetty.server.session.SessionDataMapFactory'] })
class FakeMapFactory {
  getSessionDataMap(): null {
    return null;
  }
}

describe('session XML (Jetty 9.4 session-data-cache/session-caching-store.xml)', () => {
  before(function () {
    requireCorpus(this);
  });
  it('replaces the store factory bean by a CachingSessionDataStoreFactory wrapping it', () => {
    const server = new Server();
    const storeFactory = new FileSessionDataStoreFactory();
    const mapFactory = new FakeMapFactory();
    server.addBean(storeFactory);
    const idMap = new Map<string, unknown>([
      ['Server', server],
      ['sessionDataStoreFactory', storeFactory],
      ['sessionDataMapFactory', mapFactory],
    ]);
    new XmlConfiguration(corpusPath('jetty-9.4.x/jetty-server/src/main/config/etc/sessions/session-data-cache/session-caching-store.xml'), {
      idMap,
    }).configure(server);
    const beans = server.getBeans();
    expect(beans).to.not.include(storeFactory);
    const caching = beans.find((b) => b instanceof CachingSessionDataStoreFactory) as CachingSessionDataStoreFactory;
    expect(caching.getSessionStoreFactory()).to.equal(storeFactory);
    expect(caching.getMapFactory()).to.equal(mapFactory);
  });
});

describe('session XML (seed 003: context XML through getSessionHandler)', () => {
  it("configures a DefaultSessionCache over a FileSessionDataStore on the context's SessionHandler", () => {
    const ctx = new WebAppContext();
    new XmlConfiguration(path.join(repoRoot(), 'test/fixtures/session/seed-003-context.xml')).configure(ctx);
    const sh = ctx.getSessionHandler()!;
    const cache = sh.getSessionCache() as DefaultSessionCache;
    expect(cache).to.be.instanceOf(DefaultSessionCache);
    expect(cache.getSessionHandler()).to.equal(sh);
    const store = cache.getSessionDataStore() as FileSessionDataStore;
    expect(store).to.be.instanceOf(FileSessionDataStore);
    expect(store.getStoreDir()).to.equal(path.resolve('/tmp/sessions'));
  });
});

describe('session XML (seed 003 structure on a served ServletContextHandler)', () => {
  it('serves sessions into the storeDir the XML names', async () => {
    const { ServletContextHandler } = require('../../src/servlet/servlet-context-handler');
    const { startServer, request } = require('../server/http-helpers');
    const tmp = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'pier-seed3-'));
    const text = fs
      .readFileSync(path.join(repoRoot(), 'test/fixtures/session/seed-003-context.xml'), 'utf8')
      .replace('org.eclipse.jetty.webapp.WebAppContext', 'org.eclipse.jetty.servlet.ServletContextHandler')
      .replace('/tmp/sessions', tmp);
    const ctx = new ServletContextHandler(ServletContextHandler.SESSIONS);
    ctx.setContextPath('/seed');
    XmlConfiguration.fromString(text, 'seed-003-context.xml').configure(ctx);
    ctx.addServlet(
      {
        service: (
          req: { getSession(c: boolean): { setAttribute(n: string, v: unknown): void } },
          res: { getWriter(): { write(s: string): void } },
        ) => {
          req.getSession(true).setAttribute('seen', true);
          res.getWriter().write('ok');
        },
      },
      '/*',
    );
    const ts = await startServer(ctx);
    try {
      const r = await request(ts.port, '/seed/x');
      expect(r.text).to.equal('ok');
      // The store's journal (the default durability) reaches the session file at the checkpoint.
      await ctx.getSessionHandler().getSessionCache().getSessionDataStore().checkpoint();
      const files = storeEntries(tmp);
      expect(files).to.have.length(1);
      expect(files[0]).to.match(/^\d+__seed_0\.0\.0\.0_node0/);
    } finally {
      await ts.server.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
