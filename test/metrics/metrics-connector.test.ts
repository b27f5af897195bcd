/**
 * Tests of the metrics module end to end: a real `bin/start` with `--module=metrics`, real requests and
 * sessions against a small web app on the file store, then the endpoint scraped and read by a Prometheus
 * text-format parser (the prom2javascript package, which throws on a line it cannot read).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { getMetricsFromIterator, type PromHistogramData, type PromMetrics, type PromSummaryData } from 'prom2javascript';
import { METRICS_DEFAULTS } from '../../src/metrics';
import { PierProcess, eventually, freePort, repoRoot, request, type HttpResult } from '../support/pier-process';
import { makeBase, removeBase } from '../start/support';

/** A web app with one servlet: /count makes or uses a session, /bye invalidates it, /short makes one that expires in a second, /fail throws. */
const APP: Record<string, string> = {
  'webapps/app/WEB-INF/web.xml': `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <servlet><servlet-name>s</servlet-name><servlet-class>MetricsApp</servlet-class></servlet>
  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>/s/*</url-pattern></servlet-mapping>
</web-app>
`,
  'webapps/app/WEB-INF/classes/MetricsApp.js': `'use strict';
class MetricsApp {
  doGet(req, res) {
    const action = req.getPathInfo();
    if (action === '/fail') throw new Error('failing on purpose');
    if (action === '/bye') {
      const s = req.getSession(false);
      if (s) s.invalidate();
      res.getWriter().print('bye');
      return;
    }
    const s = req.getSession(true);
    if (action === '/short') s.setMaxInactiveInterval(1);
    const n = (s.getAttribute('n') || 0) + 1;
    s.setAttribute('n', n);
    res.getWriter().print(String(n));
  }
}
module.exports = { MetricsApp };
`,
};

function scrapeUrl(stderr: string): { host: string; port: number; path: string } {
  const m = /Metrics at http:\/\/([^:/]+):(\d+)(\/\S*)/.exec(stderr);
  if (!m) throw new Error(`no 'Metrics at' line in:\n${stderr}`);
  return { host: m[1], port: Number(m[2]), path: m[3] };
}

function cookieOf(r: HttpResult): string {
  const set = r.headers['set-cookie'];
  if (!set || set.length === 0) throw new Error(`no Set-Cookie in a ${r.status} answer`);
  return set[0].split(';')[0];
}

/** The connection to host:port is refused (nothing listens there). */
function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

describe('MetricsConnector (module metrics) in a bin/start process', function () {
  this.timeout(60_000);
  let base = '';
  let pier: PierProcess | undefined;
  let appPort = 0;
  let families: PromMetrics = {};

  const family = (name: string): PromMetrics[string] => {
    const f = families[name];
    if (!f) throw new Error(`no family ${name} in the scrape: ${Object.keys(families).join(', ')}`);
    return f;
  };
  /** The sample (or series) of family `name` whose labels include `labels`. */
  const series = (name: string, labels: Record<string, string> = {}): { value?: number; count?: number } => {
    const found = (family(name).data as Array<{ labels: Record<string, string> }>).find((x) =>
      Object.entries(labels).every(([k, v]) => x.labels[k] === v),
    );
    if (!found) throw new Error(`no sample of ${name} with ${JSON.stringify(labels)}`);
    return found as { value?: number; count?: number };
  };
  const value = (name: string, labels: Record<string, string> = {}): number => {
    const s = series(name, labels);
    return Number(s.value ?? s.count);
  };
  const histogram = (name: string, labels: Record<string, string> = {}): PromHistogramData => {
    expect(family(name).type).to.equal('histogram');
    return series(name, labels) as PromHistogramData;
  };

  async function scrape(): Promise<string> {
    const { port, path: p } = scrapeUrl(pier!.stderr);
    const r = await request(port, p);
    expect(r.status).to.equal(200);
    expect(r.headers['content-type']).to.equal('text/plain; version=0.0.4; charset=utf-8');
    families = await getMetricsFromIterator(r.body.split('\n')[Symbol.iterator]());
    return r.body;
  }

  before(async () => {
    appPort = await freePort();
    base = makeBase({
      ...APP,
      'start.d/pier.ini': [
        '--module=http,deploy,session-store-file,metrics',
        'jetty.http.host=127.0.0.1',
        `jetty.http.port=${appPort}`,
        'pier.metrics.port=0',
        'jetty.sessionScavengeInterval.seconds=1',
        'jetty.deploy.scanInterval=0',
        'jetty.session.file.storeDir=${jetty.base}/sessions',
        '',
      ].join('\n'),
    });
    pier = await PierProcess.start(base);
  });

  after(async () => {
    if (pier) await pier.stop();
    removeBase(base);
  });

  it('binds 127.0.0.1 by default: another loopback address is refused', async () => {
    const { host, port } = scrapeUrl(pier!.stderr);
    expect(host).to.equal('127.0.0.1');
    expect(await refused('127.0.0.2', port)).to.equal(true);
    expect(await refused('127.0.0.1', port)).to.equal(false);
  });

  it('counts requests by status class, with their durations, as the application connector served them', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(appPort, '/app/s/hello')).status);
    statuses.push((await request(appPort, '/app/missing')).status);
    statuses.push((await request(appPort, '/app/s/fail')).status);
    expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 404, 500]);
    await scrape();
    expect(family('pier_requests_total').type).to.equal('counter');
    expect(value('pier_requests_total')).to.equal(7);
    expect(value('pier_responses_total', { code: '2xx' })).to.equal(5);
    expect(value('pier_responses_total', { code: '4xx' })).to.equal(1);
    expect(value('pier_responses_total', { code: '5xx' })).to.equal(1);
    expect(value('pier_requests_active')).to.equal(0);
    const h = histogram('pier_request_duration_seconds');
    expect(h.count).to.equal(7);
    expect(h.buckets['+Inf']).to.equal(7);
    expect(h.sum).to.be.greaterThan(0);
  });

  it('counts sessions per context: created, invalidated, expired, in memory, and how long the ended ones lived', async () => {
    const a = await request(appPort, '/app/s/count');
    const b = await request(appPort, '/app/s/count');
    const short = await request(appPort, '/app/s/short');
    expect([a.status, b.status, short.status]).to.deep.equal([200, 200, 200]);
    expect((await request(appPort, '/app/s/count', { headers: { cookie: cookieOf(a) } })).body).to.equal('2');
    expect((await request(appPort, '/app/s/bye', { headers: { cookie: cookieOf(b) } })).body).to.equal('bye');
    await eventually(
      async () => {
        await scrape();
        return value('pier_sessions_expired_total', { context: '/app' }) === 1;
      },
      15_000,
      'the short session to expire',
    );
    // /s/hello made a session on each of its five requests (no cookie sent back), /count two, /short one
    expect(value('pier_sessions_created_total', { context: '/app' })).to.equal(8);
    expect(value('pier_sessions_invalidated_total', { context: '/app' })).to.equal(1);
    expect(value('pier_sessions_active', { context: '/app' })).to.equal(6);
    const lifetimes = histogram('pier_session_duration_seconds', { context: '/app' });
    expect(lifetimes.count).to.equal(2);
    expect(lifetimes.buckets['+Inf']).to.equal(2);
    expect(lifetimes.buckets['60']).to.equal(2);
  });

  it('times the file store operations by type, and reports its journal backlog and checkpoints', async () => {
    await eventually(
      async () => {
        await scrape();
        return value('pier_file_store_checkpoint_duration_seconds', { context: '/app' }) > 0;
      },
      15_000,
      'a checkpoint',
    );
    const count = (operation: string): number =>
      histogram('pier_session_store_operation_duration_seconds', { store: 'FileSessionDataStore', operation }).count;
    // eight new sessions written, the counter's change written, the short one and the invalidated one deleted
    expect(count('store')).to.be.at.least(9);
    expect(count('delete')).to.equal(2);
    expect(count('expire_scan')).to.be.at.least(1);
    expect(value('pier_session_store_operation_errors_total', { store: 'FileSessionDataStore', operation: 'store' })).to.equal(0);
    expect(value('pier_file_store_journal_backlog_sessions', { context: '/app' })).to.be.at.least(0);
    expect(family('pier_file_store_journal_backlog_bytes').type).to.equal('gauge');
  });

  it('reports the event-loop delay as a summary', async () => {
    await scrape();
    const delay = family('pier_event_loop_delay_seconds');
    expect(delay.type).to.equal('summary');
    const summary = delay.data[0] as PromSummaryData;
    expect(summary.count).to.be.greaterThan(0);
    expect(Object.keys(summary.quantiles)).to.deep.equal(['0.5', '0.9', '0.99']);
  });

  it('answers only its path: 404 elsewhere, 405 for a POST', async () => {
    const { port, path: p } = scrapeUrl(pier!.stderr);
    expect(p).to.equal('/metrics');
    expect((await request(port, '/other')).status).to.equal(404);
    expect((await request(port, p, { method: 'POST', body: '' })).status).to.equal(405);
  });
});

describe('the metrics module', function () {
  this.timeout(30_000);

  it('is off unless enabled: a server with stats alone listens on no metrics port', async () => {
    const metricsPort = await freePort();
    const appPort = await freePort();
    const base = makeBase({
      'start.d/pier.ini': `--module=http,stats\njetty.http.host=127.0.0.1\njetty.http.port=${appPort}\npier.metrics.port=${metricsPort}\n`,
    });
    const pier = await PierProcess.start(base);
    try {
      expect((await request(appPort, '/')).status).to.equal(404);
      expect(await refused('127.0.0.1', metricsPort)).to.equal(true);
      expect(pier.stderr).not.to.contain('Metrics at');
    } finally {
      await pier.stop();
      removeBase(base);
    }
  });

  it('defaults to 127.0.0.1, port 9180 and /metrics, in the XML, the module and the class alike', () => {
    const xml = fs.readFileSync(path.join(repoRoot(), 'etc', 'pier-metrics.xml'), 'utf8');
    const mod = fs.readFileSync(path.join(repoRoot(), 'modules', 'metrics.mod'), 'utf8');
    expect(xml).to.contain('<Property name="pier.metrics.host" default="127.0.0.1"/>');
    expect(xml).to.contain('<Property name="pier.metrics.port" default="9180"/>');
    expect(xml).to.contain('<Property name="pier.metrics.path" default="/metrics"/>');
    expect(mod).to.match(/^# pier\.metrics\.host=127\.0\.0\.1$/m);
    expect(mod).to.match(/^# pier\.metrics\.port=9180$/m);
    expect(mod).to.match(/^# pier\.metrics\.path=\/metrics$/m);
    expect(mod).to.match(/^\[depend\]\nstats$/m);
    expect(METRICS_DEFAULTS).to.deep.equal({ host: '127.0.0.1', port: 9180, path: '/metrics' });
  });
});
