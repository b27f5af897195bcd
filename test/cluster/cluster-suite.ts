/**
 * The cluster suite every shared session store runs: three real `bin/start` nodes with distinct worker names
 * on one store, driven round-robin with no stickiness (seed 003's cluster without a sticky load balancer),
 * with NullSessionCache and with DefaultSessionCache + EVICT_ON_SESSION_EXIT. Concurrent requests for one
 * session on different nodes are measured (Jetty calls their outcome indeterminate) and the figures printed.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, freePort, PierProcess, request, type HttpResult } from '../support/pier-process';
import { addCounterApp, newBase } from '../session/stores/jdbc/jdbc-base';

/** The store the nodes share. */
export interface ClusterStore {
  /** How titles name it: 'PostgreSQL', 'Redis'. */
  readonly title: string;
  /** The session-store module the nodes enable. */
  readonly module: string;
  /** For the suite's `before`: returns when the store's server is there, or skips (fails under CI=true). */
  require(context: Mocha.Context): Promise<void>;
  /** The launcher properties pointing every node at the same store. */
  properties(): string[];
  /** How many of the session ids the store still holds. */
  countStored(ids: readonly string[]): Promise<number>;
  /** Removes what the suite stored. */
  cleanup(): Promise<void>;
}

/**
 * `oneNodeKeepsAll`: concurrent requests for one session on one node share one Session object, so none
 * of their updates may be lost there. NullSessionCache gives each request its own copy from the store,
 * so it loses concurrent updates even on one node (as in Jetty).
 */
export const CLUSTER_CACHES = [
  { title: 'NullSessionCache', modules: 'session-cache-null', props: [] as string[], oneNodeKeepsAll: false },
  {
    title: 'DefaultSessionCache + EVICT_ON_SESSION_EXIT',
    modules: 'session-cache-hash',
    props: ['jetty.session.evictionPolicy=0'],
    oneNodeKeepsAll: true,
  },
] as const;

/** Seconds: short, so that expiry after a node's death is seen within the test. */
export const GRACE_SEC = 1;
export const SCAVENGE_SEC = 1;

export function cookieOf(r: HttpResult): string {
  const line = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((c) => c.startsWith('JSESSIONID='));
  if (!line) throw new Error(`no session cookie in ${r.status} ${r.body}`);
  return line.split(';')[0];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The three nodes, started by `startNode(i)` with ports[i], for suites that add tests of their own. */
export interface ClusterNodes {
  readonly nodes: (PierProcess | null)[];
  on(i: number, p: string, cookie?: string): Promise<HttpResult>;
  startNode(i: number): Promise<void>;
}

/**
 * Registers the cluster suite for `store` with `cache`; `more(cluster)` adds tests of the store's own,
 * run after the common ones with the same nodes.
 */
export function clusterSuite(store: ClusterStore, cache: (typeof CLUSTER_CACHES)[number], more?: (cluster: ClusterNodes) => void): void {
  describe(`A 3-node cluster on ${store.title} with ${cache.title}, round-robin without stickiness`, function () {
    const bases: string[] = [];
    const ports: number[] = [];
    const nodes: (PierProcess | null)[] = [null, null, null];

    async function startNode(i: number): Promise<void> {
      nodes[i] = await PierProcess.start(
        bases[i],
        [
          `jetty.http.port=${ports[i]}`,
          'jetty.http.host=127.0.0.1',
          `jetty.sessionIdManager.workerName=node${i + 1}`,
          ...store.properties(),
          ...cache.props,
          `jetty.session.gracePeriod.seconds=${GRACE_SEC}`,
          `jetty.sessionScavengeInterval.seconds=${SCAVENGE_SEC}`,
        ],
        60_000,
      );
    }
    const on = (i: number, p: string, cookie?: string): Promise<HttpResult> =>
      request(ports[i % 3], `/counter/${p}`, cookie ? { headers: { Cookie: cookie } } : {});

    before(async function () {
      await store.require(this);
      for (let i = 0; i < 3; i++) {
        const base = newBase('pier-cluster-');
        fs.writeFileSync(path.join(base, 'start.ini'), `--module=http,deploy,sessions,${cache.modules},${store.module}\n`);
        addCounterApp(base);
        bases.push(base);
        ports.push(await freePort());
      }
      // the first node creates the table; the others start together and find it
      await startNode(0);
      await Promise.all([startNode(1), startNode(2)]);
    });
    after(async () => {
      for (const n of nodes) await n?.stop().catch(() => n.kill());
      for (const b of bases) fs.rmSync(b, { recursive: true, force: true });
      if (bases.length > 0) await store.cleanup();
    });

    it('reads on node 2 a session created on node 1, and node 1 sees the update node 3 made', async () => {
      const created = await on(0, 'inc');
      expect(created.body).to.equal('1');
      const cookie = cookieOf(created);
      expect(cookie).to.match(/\.node1$/);
      expect((await on(1, 'get', cookie)).body).to.equal('1');
      expect((await on(2, 'inc', cookie)).body).to.equal('2');
      expect((await on(0, 'get', cookie)).body).to.equal('2');
    });

    it('counts exactly through 30 sequential updates that alternate between the nodes', async () => {
      const cookie = cookieOf(await on(0, 'inc'));
      const took: number[] = [];
      for (let i = 1; i < 30; i++) {
        const t = Date.now();
        const r = await on(i, 'inc', cookie);
        took.push(Date.now() - t);
        expect(r.status).to.equal(200);
        expect(r.body).to.equal(String(i + 1));
      }
      console.log(`      figure: sequential round-robin update, median ${median(took)} ms per request`);
    });

    it('sees an invalidation made on one node on every node', async () => {
      const cookie = cookieOf(await on(0, 'inc'));
      await on(1, 'inc', cookie);
      expect((await on(1, 'invalidate', cookie)).body).to.equal('invalidated');
      for (let i = 0; i < 3; i++) expect((await on(i, 'get', cookie)).body).to.equal('none');
    });

    it('measures concurrent requests for one session on the three nodes (the outcome is indeterminate)', async () => {
      const rounds = 20;
      const cookie = cookieOf(await on(0, 'inc'));
      let statuses: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const replies = await Promise.all([0, 1, 2].map((i) => on(i, 'inc', cookie)));
        statuses = statuses.concat(replies.map((x) => x.status));
      }
      expect(statuses.every((s) => s === 200)).to.equal(true);
      const kept = Number((await on(0, 'get', cookie)).body) - 1;
      expect(kept).to.be.within(rounds, 3 * rounds);
      console.log(
        `      figure: ${3 * rounds} concurrent increments (3 nodes x ${rounds} rounds): ${kept} kept, ${3 * rounds - kept} lost (${Math.round((100 * (3 * rounds - kept)) / (3 * rounds))}%)`,
      );
    });

    it(`${cache.oneNodeKeepsAll ? 'keeps every one of' : 'measures'} the same concurrent requests sent to one node, as behind a sticky load balancer`, async () => {
      const rounds = 20;
      const cookie = cookieOf(await on(0, 'inc'));
      for (let r = 0; r < rounds; r++) {
        const replies = await Promise.all([0, 1, 2].map(() => on(0, 'inc', cookie)));
        expect(replies.every((x) => x.status === 200)).to.equal(true);
      }
      const kept = Number((await on(0, 'get', cookie)).body) - 1;
      console.log(
        `      figure: ${3 * rounds} concurrent increments on one node: ${kept} kept, ${3 * rounds - kept} lost (${Math.round((100 * (3 * rounds - kept)) / (3 * rounds))}%)`,
      );
      if (cache.oneNodeKeepsAll) expect(kept).to.equal(3 * rounds);
      else expect(kept).to.be.within(rounds, 3 * rounds);
    });

    it('expires and deletes, from another node, the sessions of a node killed with SIGKILL once the grace period has passed', async () => {
      const cookies: string[] = [];
      for (let k = 0; k < 3; k++) cookies.push(cookieOf(await on(2, 'ttl?s=2')));
      const ids = cookies.map((c) => c.split('=')[1].split('.')[0]);
      expect(await nodes[2]!.stop('SIGKILL')).to.equal('SIGKILL');
      nodes[2] = null;
      const killedAt = Date.now();
      expect(await store.countStored(ids)).to.equal(3);
      await eventually(async () => (await store.countStored(ids)) === 0, 60_000, "the killed node's sessions to be deleted by another node");
      console.log(
        `      figure: the killed node's sessions (2 s inactivity, grace ${GRACE_SEC} s, scavenge ${SCAVENGE_SEC} s) were deleted ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`,
      );
      for (const cookie of cookies) expect((await on(0, 'get', cookie)).body).to.equal('none');
      await startNode(2);
    });

    it('keeps every session when all nodes are restarted', async () => {
      const sessions: { cookie: string; n: number }[] = [];
      for (let k = 0; k < 6; k++) {
        const cookie = cookieOf(await on(k, 'inc'));
        await on(k + 1, 'inc', cookie);
        sessions.push({ cookie, n: 2 });
      }
      for (let i = 0; i < 3; i++) {
        await nodes[i]!.stop();
        nodes[i] = null;
      }
      await startNode(0);
      await Promise.all([startNode(1), startNode(2)]);
      for (const [k, s] of sessions.entries()) expect((await on(k + 2, 'get', s.cookie)).body).to.equal(String(s.n));
    });

    more?.({ nodes, on, startNode });
  });
}
