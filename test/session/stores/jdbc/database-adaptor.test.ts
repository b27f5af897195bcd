/**
 * Tests of DatabaseAdaptor's pool figures (what the metrics module reports as pier_jdbc_pool_*): a real
 * pool on each test database, read while statements hold its connections.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DatabaseAdaptor } from '../../../../src/session/stores/jdbc/database-adaptor';
import { requireDatabase, SQLITE, TEST_DATABASES } from './databases';

/** A statement that holds its connection for about 300 ms. */
const SLEEP: Record<string, string> = { postgresql: 'select pg_sleep(0.3)', mysql: 'select sleep(0.3)' };

for (const db of TEST_DATABASES) {
  describe(`DatabaseAdaptor's pool figures on ${db.title}`, function () {
    this.timeout(20_000);
    let dir = '';
    let adaptor: DatabaseAdaptor;

    before(async function () {
      await requireDatabase(this, db);
    });
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-pool-'));
      adaptor = new DatabaseAdaptor();
      adaptor.setDriverInfo(db.driverClass, db.url(dir));
      adaptor.setMaxPoolSize(3);
    });
    afterEach(async () => {
      await adaptor.release();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('has none before a store opens the pool, then its limit, with every connection idle after a statement', async () => {
      expect(adaptor.getPoolStatistics()).to.equal(null);
      await adaptor.initialize();
      await adaptor.run('select', (c) => c.query('select 1', []));
      const idle = adaptor.getPoolStatistics()!;
      expect(idle.max).to.equal(3);
      expect(idle.open).to.be.at.least(1);
      expect(idle.idle).to.equal(idle.open);
      expect(idle.waiting).to.equal(0);
    });

    if (db !== SQLITE) {
      it('counts the connections in use and the statements waiting for one while five statements share three connections', async () => {
        await adaptor.initialize();
        const dialect = adaptor.getDialect()!;
        const running = Array.from({ length: 5 }, () => adaptor.run('sleep', (c) => c.query(SLEEP[dialect], [])));
        // the pool connects asynchronously: the first figures may come before every connection is open
        await new Promise((r) => setTimeout(r, 150));
        const busy = adaptor.getPoolStatistics()!;
        await Promise.all(running);
        expect(busy).to.deep.equal({ max: 3, open: 3, idle: 0, waiting: 2 });
        const after = adaptor.getPoolStatistics()!;
        expect(after.open).to.equal(3);
        expect(after.idle).to.equal(3);
        expect(after.waiting).to.equal(0);
      });
    }
  });
}
