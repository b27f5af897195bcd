/**
 * The cluster suite (cluster-suite.ts) on the JDBC store: three `bin/start` nodes on one PostgreSQL or
 * MariaDB table, round-robin without stickiness, with NullSessionCache and with DefaultSessionCache +
 * EVICT_ON_SESSION_EXIT; and one node with NEVER_EVICT, as behind a sticky load balancer.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort, PierProcess, request } from '../support/pier-process';
import { dropTables, MARIADB, POSTGRESQL, rawClient, requireDatabase, uniqueTableName, type TestDatabase } from '../session/stores/jdbc/databases';
import { addCounterApp, driverProperties, newBase } from '../session/stores/jdbc/jdbc-base';
import { CLUSTER_CACHES, clusterSuite, cookieOf } from './cluster-suite';

for (const db of [POSTGRESQL, MARIADB] as TestDatabase[]) {
  for (const cache of CLUSTER_CACHES) {
    const table = uniqueTableName('pier_cluster');
    const url = db.url('');
    clusterSuite(
      {
        title: db.title,
        module: 'session-store-jdbc',
        require: (context) => requireDatabase(context, db),
        properties: () => driverProperties(db.driverClass, url, table),
        async countStored(ids) {
          const c = rawClient(url);
          try {
            return (await c.query(`select sessionId from ${table} where sessionId in (${ids.map(() => '?').join(', ')})`, [...ids])).length;
          } finally {
            await c.close();
          }
        },
        cleanup: () => dropTables(url, [table]),
      },
      cache,
    );
  }
}

describe('One node with DefaultSessionCache (NEVER_EVICT) on PostgreSQL, as behind a sticky load balancer', function () {
  const table = uniqueTableName('pier_cluster');
  const url = POSTGRESQL.url('');
  let base = '';
  let port = 0;
  let node: PierProcess | null = null;

  before(async function () {
    await requireDatabase(this, POSTGRESQL);
    base = newBase('pier-cluster-');
    fs.writeFileSync(path.join(base, 'start.ini'), '--module=http,deploy,sessions,session-cache-hash,session-store-jdbc\n');
    addCounterApp(base);
    port = await freePort();
    node = await PierProcess.start(
      base,
      [
        `jetty.http.port=${port}`,
        'jetty.http.host=127.0.0.1',
        'jetty.sessionIdManager.workerName=node1',
        ...driverProperties(POSTGRESQL.driverClass, url, table),
      ],
      60_000,
    );
  });
  after(async () => {
    await node?.stop().catch(() => node?.kill());
    if (base) fs.rmSync(base, { recursive: true, force: true });
    if (port) await dropTables(url, [table]);
  });

  it('keeps every one of 60 concurrent increments of one session: its requests share one Session object', async () => {
    const cookie = cookieOf(await request(port, '/counter/inc'));
    for (let r = 0; r < 20; r++) {
      const replies = await Promise.all([0, 1, 2].map(() => request(port, '/counter/inc', { headers: { Cookie: cookie } })));
      expect(replies.every((x) => x.status === 200)).to.equal(true);
    }
    expect((await request(port, '/counter/get', { headers: { Cookie: cookie } })).body).to.equal('61');
    console.log('      figure: 60 concurrent increments on one node with DefaultSessionCache (NEVER_EVICT): 60 kept, 0 lost');
  });
});
