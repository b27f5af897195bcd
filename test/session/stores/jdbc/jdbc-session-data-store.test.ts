/**
 * Tests of what JDBCSessionDataStore does beyond the store contract, on each database: the table it
 * creates, insert versus update, the expiry passes with lastNode and the grace period, the orphan sweep
 * at run time, unloadable rows, and a configuration without a database.
 * @module
 */
import { expect } from 'chai';
import diagnosticsChannel from 'node:diagnostics_channel';
import * as sinon from 'sinon';
import { DefaultSessionCache } from '../../../../src/session/default-session-cache';
import { IllegalStateError } from '../../../../src/session/errors';
import { SessionHandler } from '../../../../src/session/session-handler';
import { OptionalBackendError } from '../../../../src/ioc/optional-backends';
import { SESSION_STORE_LOAD_CHANNEL, SESSION_STORE_STORE_CHANNEL, type SessionStoreMessage } from '../../../../src/session/session-store-events';
import { DatabaseAdaptor } from '../../../../src/session/stores/jdbc/database-adaptor';
import { JDBCSessionDataStore } from '../../../../src/session/stores/jdbc/jdbc-session-data-store';
import { CLIENT_PACKAGES } from '../../../../src/session/stores/jdbc/jdbc-url';
import { SessionTableSchema } from '../../../../src/session/stores/jdbc/session-table-schema';
import type { SqlClient } from '../../../../src/session/stores/jdbc/sql-client';
import { makeContext, tempDir } from '../../support';
import { adaptorFor, dropTables, rawClient, requireDatabase, TEST_DATABASES, uniqueTableName, type TestDatabase } from './databases';

/** The column names and the index names of a table, lower-cased, as the database's catalog lists them. */
async function describeTable(c: SqlClient, table: string): Promise<{ columns: Map<string, string>; indexes: string[] }> {
  const columns = new Map<string, string>();
  let indexes: string[];
  const get = (r: Record<string, unknown>, k: string): string =>
    String(Object.entries(r).find(([n]) => n.toLowerCase() === k)?.[1] ?? '').toLowerCase();
  if (c.dialect === 'sqlite') {
    for (const r of await c.query('select name, type from pragma_table_info(?)', [table])) columns.set(get(r, 'name'), get(r, 'type'));
    indexes = (await c.query("select name from sqlite_master where type = 'index' and tbl_name = ?", [table])).map((r) => get(r, 'name'));
  } else if (c.dialect === 'postgresql') {
    for (const r of await c.query(
      'select column_name, data_type from information_schema.columns where table_name = ? and table_schema = current_schema()',
      [table.toLowerCase()],
    ))
      columns.set(get(r, 'column_name'), get(r, 'data_type'));
    indexes = (await c.query('select indexname from pg_indexes where tablename = ?', [table.toLowerCase()])).map((r) => get(r, 'indexname'));
  } else {
    for (const r of await c.query(
      'select column_name, data_type from information_schema.columns where table_name = ? and table_schema = database()',
      [table],
    ))
      columns.set(get(r, 'column_name'), get(r, 'data_type'));
    indexes = (
      await c.query('select distinct index_name from information_schema.statistics where table_name = ? and table_schema = database()', [table])
    ).map((r) => get(r, 'index_name'));
  }
  return { columns, indexes };
}

function storeOn(
  url: string,
  db: TestDatabase,
  table: string,
  worker = 'node0',
  contextPath = '/ctx',
): { store: JDBCSessionDataStore; start: () => Promise<void> } {
  const store = new JDBCSessionDataStore();
  store.setDatabaseAdaptor(adaptorFor(url, db.driverClass));
  const schema = new SessionTableSchema();
  schema.setTableName(table);
  store.setSessionTableSchema(schema);
  return {
    store,
    start: async () => {
      await store.initialize(makeContext(contextPath, undefined, worker));
      await store.start();
    },
  };
}

for (const db of TEST_DATABASES) {
  describe(`JDBCSessionDataStore's table and statements on ${db.title}`, () => {
    const tables: string[] = [];
    let tmp: { dir: string; cleanup: () => void };
    let url: string;
    let raw: SqlClient;
    const running: JDBCSessionDataStore[] = [];

    before(async function () {
      await requireDatabase(this, db);
      tmp = tempDir('pier-jdbc-');
      url = db.url(tmp.dir);
      raw = rawClient(url);
    });
    afterEach(async () => {
      sinon.restore();
      for (const s of running.splice(0)) if (s.isRunning()) await s.stop();
    });
    after(async () => {
      await raw?.close();
      if (url) await dropTables(url, tables);
      tmp?.cleanup();
    });

    async function started(table: string, worker = 'node0', contextPath = '/ctx'): Promise<JDBCSessionDataStore> {
      if (!tables.includes(table)) tables.push(table);
      const { store, start } = storeOn(url, db, table, worker, contextPath);
      await start();
      running.push(store);
      return store;
    }

    it("creates the missing table with Jetty's columns, its types for this database, and both indexes", async () => {
      const table = uniqueTableName();
      await started(table);
      const { columns, indexes } = await describeTable(raw, table);
      expect([...columns.keys()]).to.have.members([
        'sessionid',
        'contextpath',
        'virtualhost',
        'lastnode',
        'accesstime',
        'lastaccesstime',
        'createtime',
        'cookietime',
        'lastsavedtime',
        'expirytime',
        'maxinterval',
        'map',
      ]);
      expect(columns.get('map')).to.equal(db.title === 'PostgreSQL' ? 'bytea' : 'blob');
      expect(columns.get('expirytime')).to.equal('bigint');
      expect(indexes).to.include.members([`idx_${table}_expiry`, `idx_${table}_session`].map((n) => n.toLowerCase()));
    });

    it('adds the maxInterval column to a table made before it existed, as not null default -999', async () => {
      const table = uniqueTableName();
      tables.push(table);
      const blob = db.title === 'PostgreSQL' ? 'bytea' : 'blob';
      await raw.update(
        `create table ${table} (sessionId varchar(120), contextPath varchar(60), virtualHost varchar(60), lastNode varchar(60), accessTime bigint, lastAccessTime bigint, createTime bigint, cookieTime bigint, lastSavedTime bigint, expiryTime bigint, map ${blob}, primary key(sessionId, contextPath, virtualHost))`,
        [],
      );
      await raw.update(
        `insert into ${table} (sessionId, contextPath, virtualHost, lastNode, accessTime, lastAccessTime, createTime, cookieTime, lastSavedTime, expiryTime, map) values ('old1', '_ctx', '0.0.0.0', 'node0', 1, 1, 1, 0, 1, 0, null)`,
        [],
      );
      await started(table);
      const rows = await raw.query(`select maxInterval as m from ${table} where sessionId = ?`, ['old1']);
      expect(Number(Object.values(rows[0])[0])).to.equal(-999);
    });

    it('inserts a new session, then updates it, writing cookieTime only on insert', async () => {
      const table = uniqueTableName();
      const store = await started(table);
      const t = Date.now();
      const d = store.newSessionData('ins1', t, t, t, 60_000);
      d.setLastNode('node0');
      d.setCookieSet(111);
      await store.store('ins1', d);
      const saved = d.getLastSaved();
      d.setCookieSet(222);
      d.setAttribute('x', 1);
      d.setLastNode('node7');
      await store.store('ins1', d);
      const [row] = await raw.query(`select cookieTime as c, lastNode as n, lastSavedTime as s from ${table} where sessionId = ?`, ['ins1']);
      const v = Object.values(row).map((x) => (typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : x));
      expect(v[0]).to.equal(111);
      expect(v[1]).to.equal('node7');
      expect(v[2]).to.be.at.least(saved);
    });

    it('does not bring back a row another node deleted when it updates its copy', async () => {
      const table = uniqueTableName();
      const store = await started(table);
      const t = Date.now();
      const d = store.newSessionData('gone1', t, t, t, 60_000);
      await store.store('gone1', d);
      await raw.update(`delete from ${table} where sessionId = ?`, ['gone1']);
      d.setAttribute('late', true);
      await store.store('gone1', d);
      expect(await store.load('gone1')).to.equal(null);
    });

    it("expires a candidate another node manages only once its grace period has passed, and this node's own at once", async () => {
      const table = uniqueTableName();
      const mine = await started(table, 'node0');
      const theirs = await started(table, 'node1');
      mine.setGracePeriodSec(2);
      const t = Date.now() - 10_000;
      for (const [s, id] of [
        [mine, 'mine1'],
        [theirs, 'theirs1'],
      ] as const) {
        const d = s.newSessionData(id, t, t, t, 5_000);
        d.setLastNode(s === mine ? 'node0' : 'node1');
        await s.store(id, d);
      }
      // first run: this node's expired rows and the candidates without a row; the other node's row is
      // 5 s past expiry, under 3 x grace (6 s), so another node still has time to take it
      const first = await mine.getExpired(new Set(['theirs1', 'gone1']));
      expect([...first].sort()).to.deep.equal(['gone1', 'mine1']);
      // a grace period later, any expired row of this context is found
      const later = Date.now() + 3_000;
      sinon.useFakeTimers({ now: later, toFake: ['Date'] });
      expect([...(await mine.getExpired(new Set()))].sort()).to.deep.equal(['mine1', 'theirs1']);
    });

    it('deletes orphans of other contexts at start and again every 10 x grace while running, not only at start', async () => {
      const table = uniqueTableName();
      const store = await started(table, 'node0', '/ctx');
      store.setGracePeriodSec(1);
      const other = await started(table, 'node0', '/other');
      const put = async (id: string, expiredAgo: number): Promise<void> => {
        const t = Date.now() - expiredAgo - 1000;
        const d = other.newSessionData(id, t, t, t, 1000);
        await other.store(id, d);
      };
      await put('orphan1', 60_000);
      await store.getExpired(new Set());
      expect(await other.load('orphan1')).to.equal(null);
      await put('orphan2', 15_000);
      const sweptAt = store.getLastOrphanSweepTime();
      // within 10 x grace of the last sweep nothing is swept; after it, the sweep runs again
      await store.getExpired(new Set());
      expect(await other.load('orphan2')).to.not.equal(null);
      expect(store.getLastOrphanSweepTime()).to.equal(sweptAt);
      sinon.useFakeTimers({ now: Date.now() + 11_000, toFake: ['Date'] });
      await store.getExpired(new Set());
      expect(await other.load('orphan2')).to.equal(null);
      expect(store.getLastOrphanSweepTime()).to.be.greaterThan(sweptAt);
    });

    it('deletes an unreadable row when the cache has removeUnloadableSessions, and keeps it otherwise', async () => {
      const table = uniqueTableName();
      const store = await started(table);
      const t = Date.now();
      for (const id of ['bad1', 'bad2']) {
        await raw.update(
          `insert into ${table} (sessionId, contextPath, virtualHost, lastNode, accessTime, lastAccessTime, createTime, cookieTime, lastSavedTime, expiryTime, maxInterval, map) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, '_ctx', '0.0.0.0', 'node0', t, t, t, 0, t, t + 60_000, 60_000, Buffer.from('not a session')],
        );
      }
      for (const [id, remove] of [
        ['bad1', true],
        ['bad2', false],
      ] as const) {
        const cache = new DefaultSessionCache(new SessionHandler());
        cache.setSessionDataStore(store);
        cache.setRemoveUnloadableSessions(remove);
        let err: unknown;
        try {
          await cache.get(id);
        } catch (e) {
          err = e;
        }
        expect((err as Error).name).to.equal('UnreadableSessionDataError');
        expect((await raw.query(`select 1 from ${table} where sessionId = ?`, [id])).length).to.equal(remove ? 0 : 1);
      }
    });

    it('publishes its loads and writes, with their durations, on the session store diagnostics channels', async () => {
      const store = await started(uniqueTableName());
      const seen: (SessionStoreMessage & { id?: string })[] = [];
      const listener = (m: unknown): void => {
        seen.push(m as SessionStoreMessage);
      };
      diagnosticsChannel.subscribe(SESSION_STORE_LOAD_CHANNEL, listener);
      diagnosticsChannel.subscribe(SESSION_STORE_STORE_CHANNEL, listener);
      try {
        const t = Date.now();
        await store.store('dc1', store.newSessionData('dc1', t, t, t, 60_000));
        await store.load('dc1');
      } finally {
        diagnosticsChannel.unsubscribe(SESSION_STORE_LOAD_CHANNEL, listener);
        diagnosticsChannel.unsubscribe(SESSION_STORE_STORE_CHANNEL, listener);
      }
      expect(seen.map((m) => [m.storeType, m.context, m.id])).to.deep.equal([
        ['JDBCSessionDataStore', '_ctx', 'dc1'],
        ['JDBCSessionDataStore', '_ctx', 'dc1'],
      ]);
      expect(seen.every((m) => m.durationMs >= 0 && m.error === undefined)).to.equal(true);
    });

    it('runs with the column names a configuration chooses', async () => {
      const table = uniqueTableName();
      tables.push(table);
      const { store } = storeOn(url, db, table);
      const schema = store.getSessionTableSchema()!;
      schema.setIdColumn('sid');
      schema.setMapColumn('attrs');
      schema.setExpiryTimeColumn('expires_at');
      await store.initialize(makeContext('/ctx'));
      await store.start();
      running.push(store);
      const t = Date.now();
      const d = store.newSessionData('named1', t, t, t, 60_000);
      d.setAttribute('a', 'b');
      await store.store('named1', d);
      expect((await store.load('named1'))!.getAttribute('a')).to.equal('b');
      expect([...(await describeTable(raw, table)).columns.keys()]).to.include.members(['sid', 'attrs', 'expires_at']);
    });
  });
}

describe('JDBCSessionDataStore without a database', () => {
  it('fails to start saying no database is configured', async () => {
    const store = new JDBCSessionDataStore();
    store.setDatabaseAdaptor(new DatabaseAdaptor());
    await store.initialize(makeContext('/ctx'));
    let err: unknown;
    try {
      await store.start();
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(IllegalStateError);
    expect((err as Error).message).to.match(/No database configured for sessions/);
  });

  it('fails to start without a DatabaseAdaptor', async () => {
    const store = new JDBCSessionDataStore();
    await store.initialize(makeContext('/ctx'));
    let err: unknown;
    try {
      await store.start();
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).to.equal('Cannot start JDBCSessionDataStore: No jdbc config (set its databaseAdaptor)');
  });

  it("names the npm package to install when a URL's client package is missing", () => {
    const packages = CLIENT_PACKAGES as Record<string, string>;
    const real = packages.sqlite;
    packages.sqlite = 'pier-test-absent-client';
    try {
      const a = new DatabaseAdaptor();
      let err: unknown;
      try {
        a.setDriverInfo('org.sqlite.JDBC', 'jdbc:sqlite:/tmp/x.db');
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(OptionalBackendError);
      expect((err as Error).message).to.equal(
        "Cannot use JDBC URL 'jdbc:sqlite:/tmp/x.db': the JDBC session store needs the npm package 'pier-test-absent-client', which is not installed (run npm install pier-test-absent-client)",
      );
    } finally {
      packages.sqlite = real;
    }
  });
});
