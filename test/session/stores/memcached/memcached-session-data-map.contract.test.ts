/**
 * Runs the SessionDataStore contract against CachingSessionDataStore with a MemcachedSessionDataMap on a
 * real memcached, in front of the file store and in front of the JDBC store on PostgreSQL.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as memjs from 'memjs';
import { CachingSessionDataStore } from '../../../../src/session/caching-session-data-store';
import { encodeSessionAttributes, encodeSessionData } from '../../../../src/session/session-data-codec';
import type { SessionDataStore } from '../../../../src/session/session-data-store';
import { FileSessionDataStore } from '../../../../src/session/stores/file/file-session-data-store';
import { JDBCSessionDataStore } from '../../../../src/session/stores/jdbc/jdbc-session-data-store';
import { SessionTableSchema } from '../../../../src/session/stores/jdbc/session-table-schema';
import { MemcachedSessionDataMap } from '../../../../src/session/stores/memcached/memcached-session-data-map';
import { requireMemcached, type ServerProcess } from '../../../support/cache-servers';
import { sessionDataStoreContract } from '../../session-data-store.contract';
import { tempDir } from '../../support';
import { adaptorFor, dropTables, POSTGRESQL, rawClient, requireDatabase, uniqueTableName } from '../jdbc/databases';

/** Empties the memcached: always a private one, so that no other test file's entries go with it. */
async function flush(port: number): Promise<void> {
  const c = memjs.Client.create(`127.0.0.1:${port}`, { logger: { log: () => undefined } });
  try {
    await c.flush();
  } finally {
    c.close();
  }
}

function delegateOf(store: SessionDataStore): SessionDataStore {
  return (store as CachingSessionDataStore).getSessionDataStore();
}

describe('MemcachedSessionDataMap through CachingSessionDataStore', function () {
  this.timeout(30_000);
  let memcached: ServerProcess;

  before(async function () {
    // private: the contract empties it between cases, which would wipe what a file running beside this one stored
    memcached = await requireMemcached(this, { private: true });
    await flush(memcached.port);
  });
  after(async () => {
    await memcached?.stop();
  });

  function map(): MemcachedSessionDataMap {
    return new MemcachedSessionDataMap('127.0.0.1', String(memcached.port));
  }

  describe('in front of the file store', () => {
    let tmp: { dir: string; cleanup: () => void } | null = null;
    sessionDataStoreContract({
      name: 'CachingSessionDataStore(MemcachedSessionDataMap, FileSessionDataStore)',
      persists: true,
      passivating: true,
      createStore: () => {
        tmp ??= tempDir();
        const file = new FileSessionDataStore();
        file.setStoreDir(tmp.dir);
        return new CachingSessionDataStore(map(), file);
      },
      async persistOutOfBand(store, data) {
        const s = delegateOf(store) as FileSessionDataStore;
        fs.writeFileSync(path.join(s.getStoreDir()!, s.getFileName(data.getId(), data.getExpiry())), encodeSessionData(data));
        await store.stop();
        await store.start();
      },
      async persistUnreadable(store, _ctx, id) {
        const s = delegateOf(store) as FileSessionDataStore;
        fs.writeFileSync(path.join(s.getStoreDir()!, s.getFileName(id, Date.now() + 60_000)), '{"format":"pier-session","ver');
        await store.stop();
        await store.start();
      },
      async existsOutOfBand(store, id) {
        const s = delegateOf(store) as FileSessionDataStore;
        await s.checkpoint();
        return fs.readdirSync(s.getStoreDir()!).some((n) => n.endsWith(`_${id}`));
      },
      async cleanup() {
        tmp?.cleanup();
        tmp = null;
        await flush(memcached.port);
      },
    });
  });

  describe('in front of the JDBC store on PostgreSQL', () => {
    const table = uniqueTableName();
    let url = '';
    before(async function () {
      await requireDatabase(this, POSTGRESQL);
      url = POSTGRESQL.url('');
    });
    after(async () => {
      if (url) await dropTables(url, [table]);
    });

    async function insertRow(id: string, cp: string, vh: string, expiry: number, maxInactive: number, blob: Buffer): Promise<void> {
      const c = rawClient(url);
      try {
        const now = Date.now();
        await c.update(
          `insert into ${table} (sessionId, contextPath, virtualHost, lastNode, accessTime, lastAccessTime, createTime, cookieTime, lastSavedTime, expiryTime, maxInterval, map) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, cp, vh, 'node0', now, now, now, 0, now, expiry, maxInactive, blob],
        );
      } finally {
        await c.close();
      }
    }

    sessionDataStoreContract({
      name: 'CachingSessionDataStore(MemcachedSessionDataMap, JDBCSessionDataStore on PostgreSQL)',
      persists: true,
      passivating: true,
      createStore() {
        const jdbc = new JDBCSessionDataStore();
        jdbc.setDatabaseAdaptor(adaptorFor(url, POSTGRESQL.driverClass));
        const schema = new SessionTableSchema();
        schema.setTableName(table);
        jdbc.setSessionTableSchema(schema);
        return new CachingSessionDataStore(map(), jdbc);
      },
      async persistOutOfBand(_store, data) {
        await insertRow(
          data.getId(),
          data.getContextPath(),
          data.getVhost(),
          data.getExpiry(),
          data.getMaxInactiveMs(),
          encodeSessionAttributes(data),
        );
      },
      async persistUnreadable(_store, ctx, id) {
        await insertRow(id, ctx.getCanonicalContextPath(), ctx.getVhost(), Date.now() + 60_000, 60_000, Buffer.from([0xac, 0xed, 0x00, 0x05]));
      },
      async existsOutOfBand(_store, id) {
        const c = rawClient(url);
        try {
          return (await c.query(`select sessionId from ${table} where sessionId = ?`, [id])).length > 0;
        } finally {
          await c.close();
        }
      },
      async cleanup() {
        const c = rawClient(url);
        try {
          await c.update(`delete from ${table}`, []);
        } catch {
          /* the table exists once a store started */
        } finally {
          await c.close();
        }
        await flush(memcached.port);
      },
    });
  });
});
