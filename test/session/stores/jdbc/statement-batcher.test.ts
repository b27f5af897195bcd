/**
 * Group commit in the JDBC store on PostgreSQL (StatementBatcher): sessions loaded, inserted or updated at
 * once share statements, and each still gets its own result: every acknowledged write is in the table, a
 * session whose write the database refuses fails alone, writes of one session land in the order they were
 * made, and a database that stops answering fails each waiting session within the time limit.
 * @module
 */
import { expect } from 'chai';
import { UnwritableSessionDataError } from '../../../../src/session/errors';
import type { SessionData } from '../../../../src/session/session-data';
import { DatabaseTimeoutError } from '../../../../src/session/stores/jdbc/database-adaptor';
import { JDBCSessionDataStore } from '../../../../src/session/stores/jdbc/jdbc-session-data-store';
import { SessionTableSchema } from '../../../../src/session/stores/jdbc/session-table-schema';
import type { SqlClient } from '../../../../src/session/stores/jdbc/sql-client';
import { TcpProxy } from '../../../support/tcp-proxy';
import { makeContext } from '../../support';
import { adaptorFor, dropTables, POSTGRESQL, portOf, rawClient, requireDatabase, uniqueTableName } from './databases';

const SESSIONS = 60;

describe('JDBCSessionDataStore groups the statements of sessions that arrive together on PostgreSQL', function () {
  this.timeout(30_000);
  const tables: string[] = [];
  const running: JDBCSessionDataStore[] = [];
  let raw: SqlClient;

  before(async function () {
    await requireDatabase(this, POSTGRESQL);
    raw = rawClient(POSTGRESQL.url(''));
  });
  afterEach(async () => {
    for (const s of running.splice(0)) if (s.isRunning()) await s.stop();
  });
  after(async () => {
    await raw?.close();
    await dropTables(POSTGRESQL.url(''), tables);
  });

  async function started(table: string, url = POSTGRESQL.url(''), timeoutMs?: number): Promise<JDBCSessionDataStore> {
    if (!tables.includes(table)) tables.push(table);
    const store = new JDBCSessionDataStore();
    const adaptor = adaptorFor(url, POSTGRESQL.driverClass);
    if (timeoutMs !== undefined) adaptor.setTimeoutMs(timeoutMs);
    store.setDatabaseAdaptor(adaptor);
    const schema = new SessionTableSchema();
    schema.setTableName(table);
    store.setSessionTableSchema(schema);
    await store.initialize(makeContext('/ctx'));
    await store.start();
    running.push(store);
    return store;
  }

  function session(store: JDBCSessionDataStore, id: string, n: number): SessionData {
    const now = Date.now();
    const d = store.newSessionData(id, now, now, now, 1_800_000);
    d.setLastNode('node0');
    d.setAttribute('n', n);
    return d;
  }

  /** The attribute `n` of each stored session, read back by a second store on the same table. */
  async function storedCounts(table: string, ids: readonly string[]): Promise<(number | null)[]> {
    const reader = await started(table);
    const loaded = await Promise.all(ids.map((id) => reader.load(id)));
    return loaded.map((d) => (d ? (d.getAttribute('n') as number) : null));
  }

  it('inserts, updates and loads many sessions in fewer statements, every one of them in the table', async () => {
    const table = uniqueTableName();
    const store = await started(table);
    const ids = Array.from({ length: SESSIONS }, (_, i) => `grouped${i}`);
    const data = ids.map((id, i) => session(store, id, i));
    await Promise.all(data.map((d) => store.store(d.getId(), d)));
    const [{ count }] = await raw.query(`select count(*) as count from ${table}`, []);
    expect(Number(count)).to.equal(SESSIONS);

    for (const [i, d] of data.entries()) d.setAttribute('n', i + 1000);
    await Promise.all(data.map((d) => store.store(d.getId(), d)));
    expect(await storedCounts(table, ids)).to.deep.equal(ids.map((_, i) => i + 1000));

    const stats = store.getGroupedStatementStatistics()!;
    expect(stats.inserts.batches, 'insert statements carrying several sessions').to.be.greaterThan(0);
    expect(stats.updates.batches, 'update statements carrying several sessions').to.be.greaterThan(0);
    const reader = running[running.length - 1];
    expect(reader.getGroupedStatementStatistics()!.loads.batches, 'load statements carrying several sessions').to.be.greaterThan(0);
  });

  it('fails only the session whose insert the database refuses, and stores the others of its group', async () => {
    const table = uniqueTableName();
    const store = await started(table);
    const taken = session(store, 'taken', 1);
    await store.store('taken', taken);
    // the same id again as a new session: its insert breaks the primary key, in the middle of a group
    const ids = Array.from({ length: SESSIONS }, (_, i) => (i === SESSIONS / 2 ? 'taken' : `other${i}`));
    const results = await Promise.allSettled(ids.map((id, i) => store.store(id, session(store, id, 100 + i))));
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ id: ids[i], reason: r.reason as Error }] : []));
    expect(failed.map((f) => f.id)).to.deep.equal(['taken']);
    expect(failed[0].reason).to.be.instanceOf(UnwritableSessionDataError);
    expect(failed[0].reason.message).to.include("'taken'");
    const others = ids.filter((id) => id !== 'taken');
    expect(await storedCounts(table, [...others, 'taken'])).to.deep.equal([...others.map((id) => 100 + ids.indexOf(id)), 1]);
    expect(store.getGroupedStatementStatistics()!.inserts.batches).to.be.greaterThan(0);
  });

  it('writes one session in the order its writes were made, when several wait in one group', async () => {
    const table = uniqueTableName();
    const store = await started(table);
    const ids = Array.from({ length: SESSIONS }, (_, i) => `ordered${i}`);
    const data = ids.map((id, i) => session(store, id, i));
    await Promise.all(data.map((d) => store.store(d.getId(), d)));
    // two copies of the session 'ordered0' (as two requests hold with NullSessionCache), written one after the other
    const first = session(store, 'ordered0', 1);
    const second = session(store, 'ordered0', 2);
    for (const d of [first, second]) d.setLastSaved(Date.now());
    const writes = [
      ...data.slice(1, 30).map((d) => store.store(d.getId(), d)),
      store.store('ordered0', first),
      ...data.slice(30).map((d) => store.store(d.getId(), d)),
      store.store('ordered0', second),
    ];
    await Promise.all(writes);
    expect(await storedCounts(table, ['ordered0'])).to.deep.equal([2]);
  });

  it('fails each waiting session with the time limit when the database stops answering, then writes again', async () => {
    const proxy = await TcpProxy.start(portOf(POSTGRESQL));
    try {
      const table = uniqueTableName();
      const store = await started(table, POSTGRESQL.url('').replace(/:\d+\//, `:${proxy.port}/`), 1000);
      const data = Array.from({ length: SESSIONS }, (_, i) => session(store, `stalled${i}`, i));
      await Promise.all(data.map((d) => store.store(d.getId(), d)));
      proxy.stall();
      for (const d of data) d.setAttribute('n', 1);
      const during = await Promise.allSettled(data.map((d) => store.store(d.getId(), d)));
      expect(during.map((r) => r.status)).to.deep.equal(data.map(() => 'rejected'));
      for (const r of during) expect(((r as PromiseRejectedResult).reason as Error).cause).to.be.instanceOf(DatabaseTimeoutError);
      proxy.restore();
      // the statements that met the stall finish now, late: wait until none is on its way, so that they cannot land after the next writes
      const idle = (): boolean => {
        const g = store.getGroupedStatementStatistics()!;
        const pool = store.getDatabaseAdaptor()!.getPoolStatistics()!;
        return [g.loads, g.inserts, g.updates].every((k) => k.inFlight === 0 && k.waiting === 0) && pool.idle === pool.open;
      };
      for (let i = 0; i < 200 && !idle(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(idle(), 'no statement on its way 10 s after the database came back').to.equal(true);
      for (const d of data) d.setAttribute('n', 2);
      await Promise.all(data.map((d) => store.store(d.getId(), d)));
      expect(await storedCounts(table, [data[0].getId(), data[SESSIONS - 1].getId()])).to.deep.equal([2, 2]);
    } finally {
      await proxy.close();
    }
  });
});
