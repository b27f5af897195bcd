/**
 * Runs the SessionDataStore contract against JDBCSessionDataStore on PostgreSQL, MariaDB and SQLite.
 * @module
 */
import { JDBCSessionDataStore } from '../../../../src/session/stores/jdbc/jdbc-session-data-store';
import { SessionTableSchema } from '../../../../src/session/stores/jdbc/session-table-schema';
import { encodeSessionAttributes } from '../../../../src/session/session-data-codec';
import { sessionDataStoreContract } from '../../session-data-store.contract';
import { tempDir } from '../../support';
import { adaptorFor, dropTables, rawClient, requireDatabase, TEST_DATABASES, uniqueTableName } from './databases';

for (const db of TEST_DATABASES) {
  describe(`JDBCSessionDataStore on ${db.title}`, () => {
    const table = uniqueTableName();
    let tmp: { dir: string; cleanup: () => void };
    let url: string;

    before(async function () {
      await requireDatabase(this, db);
      tmp = tempDir('pier-jdbc-');
      url = db.url(tmp.dir);
    });
    after(async () => {
      if (url) await dropTables(url, [table]);
      tmp?.cleanup();
    });

    /** Writes a row with the given map bytes, behind the store's back. */
    async function insertRow(id: string, cp: string, vh: string, expiry: number, maxInactive: number, map: Buffer | string): Promise<void> {
      const c = rawClient(url);
      try {
        const now = Date.now();
        await c.update(
          `insert into ${table} (sessionId, contextPath, virtualHost, lastNode, accessTime, lastAccessTime, createTime, cookieTime, lastSavedTime, expiryTime, maxInterval, map) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, cp, vh, 'node0', now, now, now, 0, now, expiry, maxInactive, typeof map === 'string' ? Buffer.from(map) : map],
        );
      } finally {
        await c.close();
      }
    }

    sessionDataStoreContract({
      name: `JDBCSessionDataStore (${db.title})`,
      persists: true,
      passivating: true,
      createStore() {
        const store = new JDBCSessionDataStore();
        store.setDatabaseAdaptor(adaptorFor(url, db.driverClass));
        const schema = new SessionTableSchema();
        schema.setTableName(table);
        store.setSessionTableSchema(schema);
        return store;
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
        await insertRow(
          id,
          ctx.getCanonicalContextPath(),
          ctx.getVhost(),
          Date.now() + 60_000,
          60_000,
          Buffer.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72]),
        );
      },
      async existsOutOfBand(_store, id) {
        const c = rawClient(url);
        try {
          return (await c.query(`select sessionId from ${table} where sessionId = ?`, [id])).length > 0;
        } finally {
          await c.close();
        }
      },
    });
  });
}
