/**
 * Counts the statements a server sends to PostgreSQL through a `pg` module: `pg`'s Client sends a query only
 * after the previous one's answer, so one `Client.query` call is one round trip to the database, whatever
 * the load on the machine. The bench divides the count by the requests of a run.
 * @module
 */

type Any = any; // the two pg modules (Pier's and the bench peers') are the same package at different paths

const COUNTED = Symbol.for('pier.bench.pgRoundTrips');

/** Wraps `pg.Client.prototype.query` of this `pg` module once; returns a reader of the count so far. */
export function countPgRoundTrips(pg: Any): () => number {
  const proto = pg.Client.prototype;
  if (!proto[COUNTED]) {
    const counter = { n: 0 };
    const query = proto.query;
    proto.query = function countedQuery(this: unknown, ...args: unknown[]) {
      counter.n++;
      return query.apply(this, args);
    };
    proto[COUNTED] = counter;
  }
  const counter = proto[COUNTED] as { n: number };
  return () => counter.n;
}

/** The `application_name` a bench server's connections carry, so the runner finds their backends. */
export function benchApplicationName(pid: number): string {
  return `pier-bench-${pid}`;
}
