/**
 * The session cache metrics end to end: a real `bin/start` with the metrics module, two web apps at the
 * same context path on two virtual hosts, the file store behind a memcached L2 cache (Jetty's
 * session-store-cache module over a private memcached this suite can stop), real requests, and the
 * endpoint read by a Prometheus text-format parser (prom2javascript).
 * @module
 */
import { expect } from 'chai';
import { getMetricsFromIterator, type PromHistogramData, type PromMetrics } from 'prom2javascript';
import { requireMemcached, type ServerProcess } from '../support/cache-servers';
import { PierProcess, eventually, freePort, request, type HttpResult } from '../support/pier-process';
import { makeBase, removeBase } from '../start/support';

/** A context XML that deploys the shared app at /app for one virtual host. */
function contextXml(vhost: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/app</Set>
  <Set name="war"><SystemProperty name="jetty.base"/>/apps/app</Set>
  <Set name="virtualHosts"><Array type="String"><Item>${vhost}</Item></Array></Set>
</Configure>
`;
}

/** The app: /s/count makes or uses a session and counts in it; /s/peek reads one without making it. */
const APP: Record<string, string> = {
  'apps/app/WEB-INF/web.xml': `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <servlet><servlet-name>s</servlet-name><servlet-class>CountApp</servlet-class></servlet>
  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>/s/*</url-pattern></servlet-mapping>
</web-app>
`,
  'apps/app/WEB-INF/classes/CountApp.js': `'use strict';
class CountApp {
  doGet(req, res) {
    const s = req.getSession(req.getPathInfo() === '/count');
    if (!s) return res.getWriter().print('none');
    const n = (s.getAttribute('n') || 0) + 1;
    s.setAttribute('n', n);
    res.getWriter().print(String(n));
  }
}
module.exports = { CountApp };
`,
  'webapps/app-a.xml': contextXml('a.example'),
  'webapps/app-b.xml': contextXml('b.example'),
};

function cookieOf(r: HttpResult): string {
  const set = r.headers['set-cookie'];
  if (!set || set.length === 0) throw new Error(`no Set-Cookie in a ${r.status} answer`);
  return set[0].split(';')[0];
}

describe('The session cache metrics of two contexts at one path on two virtual hosts, over the file store and memcached', function () {
  this.timeout(90_000);
  let memcached: ServerProcess;
  let base = '';
  let pier: PierProcess | undefined;
  let appPort = 0;
  let families: PromMetrics = {};

  const A = { context: '/app', vhost: 'a.example' };
  const B = { context: '/app', vhost: 'b.example' };
  const L1 = { cache: 'DefaultSessionCache' };
  const L2 = { cache: 'MemcachedSessionDataMap', store: 'FileSessionDataStore' };

  /** The one sample of family `name` whose labels are exactly `labels` (a histogram series: its count). */
  const value = (name: string, labels: Record<string, string>): number => {
    const f = families[name];
    if (!f) throw new Error(`no family ${name} in the scrape: ${Object.keys(families).join(', ')}`);
    const found = (f.data as Array<{ labels: Record<string, string>; value?: number; count?: number }>).filter(
      (x) => Object.keys(x.labels).length === Object.keys(labels).length && Object.entries(labels).every(([k, v]) => x.labels[k] === v),
    );
    expect(found, `samples of ${name} labelled ${JSON.stringify(labels)}`).to.have.length(1);
    return Number(found[0].value ?? found[0].count);
  };
  const type = (name: string): string => families[name]?.type ?? 'absent';

  async function scrape(): Promise<void> {
    const m = /Metrics at http:\/\/127\.0\.0\.1:(\d+)(\/\S*)/.exec(pier!.stderr);
    if (!m) throw new Error(`no 'Metrics at' line in:\n${pier!.stderr}`);
    const r = await request(Number(m[1]), m[2]);
    expect(r.status).to.equal(200);
    families = await getMetricsFromIterator(r.body.split('\n')[Symbol.iterator]());
  }

  const get = (host: string, path: string, cookie?: string): Promise<HttpResult> =>
    request(appPort, path, { headers: { host, ...(cookie ? { cookie } : {}) } });

  /** Waits until the scavenger has evicted every session of both contexts from memory (evictionPolicy=2 s). */
  const evicted = (): Promise<void> =>
    eventually(
      async () => {
        await scrape();
        return value('pier_sessions_active', A) === 0 && value('pier_sessions_active', B) === 0;
      },
      20_000,
      'the idle sessions to leave the session caches',
    );

  before(async function () {
    memcached = await requireMemcached(this, { private: true });
    appPort = await freePort();
    base = makeBase({
      ...APP,
      'start.d/pier.ini': [
        '--module=http,deploy,session-cache-hash,session-store-file,session-store-cache,metrics',
        'jetty.http.host=127.0.0.1',
        `jetty.http.port=${appPort}`,
        'pier.metrics.port=0',
        'jetty.deploy.scanInterval=0',
        'jetty.session.file.storeDir=${jetty.base}/sessions',
        'jetty.session.memcached.host=127.0.0.1',
        `jetty.session.memcached.port=${memcached.port}`,
        // a session idle for two seconds leaves memory at the next scavenge, so the next request loads it
        'jetty.session.evictionPolicy=2',
        'jetty.sessionScavengeInterval.seconds=1',
        '',
      ].join('\n'),
    });
    pier = await PierProcess.start(base, [], 60_000);
  });

  after(async () => {
    if (pier) await pier.stop();
    await memcached?.stop();
    if (base) removeBase(base);
  });

  it('counts L1 hits and misses per virtual host: a session in memory is a hit, an unknown id a miss', async () => {
    const first = await get('a.example', '/app/s/count');
    expect(first.body).to.equal('1');
    const a = cookieOf(first);
    expect((await get('a.example', '/app/s/count', a)).body).to.equal('2');
    expect((await get('a.example', '/app/s/count', a)).body).to.equal('3');
    expect((await get('b.example', '/app/s/peek', 'JSESSIONID=node0unknownsessionid0000000')).body).to.equal('none');
    await scrape();
    expect(type('pier_session_cache_hits_total')).to.equal('counter');
    expect(value('pier_session_cache_hits_total', { ...A, ...L1 })).to.equal(2);
    expect(value('pier_session_cache_misses_total', { ...A, ...L1 })).to.equal(0);
    expect(value('pier_session_cache_hits_total', { ...B, ...L1 })).to.equal(0);
    expect(value('pier_session_cache_misses_total', { ...B, ...L1 })).to.equal(1);
    expect(value('pier_session_cache_sessions_max', { ...A, ...L1 })).to.equal(1);
    // the unknown id was not in memcached either: the L2 cache missed, then the file store had none
    expect(value('pier_session_data_cache_misses_total', { ...B, ...L2 })).to.equal(1);
    expect(value('pier_session_data_cache_hits_total', { ...B, ...L2 })).to.equal(0);
    expect(value('pier_session_data_cache_available', { ...A, ...L2 })).to.equal(1);
  });

  it('times store operations per context and virtual host, and counts the file store sessions of each', async () => {
    expect((await get('b.example', '/app/s/count')).body).to.equal('1');
    await scrape();
    const stores = (labels: Record<string, string>, operation: string): number =>
      (
        (families.pier_session_store_operation_duration_seconds.data as PromHistogramData[]).find(
          (x) =>
            x.labels.store === 'FileSessionDataStore' &&
            x.labels.operation === operation &&
            x.labels.context === labels.context &&
            x.labels.vhost === labels.vhost,
        ) ?? { count: 0 }
      ).count;
    // a: its new session and two changes; b: its new session
    expect(stores(A, 'store')).to.equal(3);
    expect(stores(B, 'store')).to.equal(1);
    expect(value('pier_session_store_sessions', { ...A, store: 'FileSessionDataStore' })).to.equal(1);
    expect(value('pier_session_store_sessions', { ...B, store: 'FileSessionDataStore' })).to.equal(1);
    expect(value('pier_sessions_created_total', A)).to.equal(1);
    expect(value('pier_sessions_created_total', B)).to.equal(1);
  });

  it('counts, once the sessions left memory, an L1 miss memcached answers as an L2 hit, and a failure of memcached as an L2 error while the file store answers', async () => {
    const a = cookieOf(await get('a.example', '/app/s/count'));
    const b = cookieOf(await get('b.example', '/app/s/count'));
    await evicted();
    const l1MissesB = value('pier_session_cache_misses_total', { ...B, ...L1 });
    const l2HitsB = value('pier_session_data_cache_hits_total', { ...B, ...L2 });
    expect((await get('b.example', '/app/s/count', b)).body).to.equal('2');
    await scrape();
    expect(value('pier_session_cache_misses_total', { ...B, ...L1 })).to.equal(l1MissesB + 1);
    expect(value('pier_session_data_cache_hits_total', { ...B, ...L2 })).to.equal(l2HitsB + 1);
    expect(value('pier_session_data_cache_errors_total', { ...B, ...L2, operation: 'load' })).to.equal(0);

    await memcached.stop();
    expect((await get('a.example', '/app/s/count', a)).body).to.equal('2');
    await scrape();
    expect(value('pier_session_data_cache_errors_total', { ...A, ...L2, operation: 'load' })).to.equal(1);
    expect(value('pier_session_data_cache_available', { ...A, ...L2 })).to.equal(0);
    // the write at the end of that request found the cache away and left it alone
    expect(value('pier_session_data_cache_bypassed_total', { ...A, ...L2 })).to.equal(1);
    expect(value('pier_session_data_cache_errors_total', { ...B, ...L2, operation: 'load' })).to.equal(0);
    expect(value('pier_session_data_cache_available', { ...B, ...L2 })).to.equal(1);
  });
});
