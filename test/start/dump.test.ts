/**
 * Tests of `bin/start --dump` (and `jetty.server.dumpBeforeStop`) as an operator reads them: each context's
 * session cache and store with all their settings, and the metrics at that moment, from a real child process.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { PierProcess, eventually, freePort, request } from '../support/pier-process';
import { makeBase, removeBase } from './support';

/** A web app with no servlet of its own (the default servlet answers) and one that makes a session. */
const APP: Record<string, string> = {
  'webapps/app/WEB-INF/web.xml': `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <servlet><servlet-name>s</servlet-name><servlet-class>Visit</servlet-class></servlet>
  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>/visit</url-pattern></servlet-mapping>
</web-app>
`,
  'webapps/app/WEB-INF/classes/Visit.js': `'use strict';
class Visit {
  doGet(req, res) {
    req.getSession(true).setAttribute('seen', true);
    res.getWriter().print('ok');
  }
}
module.exports = { Visit };
`,
};

/** The lines of the component tree printed after the Started line. */
function treeOf(stdout: string): string[] {
  const start = stdout.indexOf('\nServer@');
  const end = stdout.indexOf('key: +- bean', start);
  expect(start, stdout).to.be.greaterThan(-1);
  expect(end, stdout).to.be.greaterThan(start);
  return stdout.slice(start + 1, end).split('\n');
}

describe('bin/start --dump', function () {
  this.timeout(60_000);
  const bases: string[] = [];
  let pier: PierProcess | undefined;
  afterEach(async () => {
    if (pier) await pier.stop();
    pier = undefined;
    for (const b of bases.splice(0)) removeBase(b);
  });

  async function start(modules: string, extra: string[] = [], args: string[] = ['--dump']): Promise<{ base: string; port: number }> {
    const port = await freePort();
    const base = makeBase({
      ...APP,
      'start.d/pier.ini': [
        `--module=${modules}`,
        'jetty.http.host=127.0.0.1',
        `jetty.http.port=${port}`,
        'jetty.deploy.scanInterval=0',
        'jetty.session.file.storeDir=${jetty.base}/sessions',
        ...extra,
        '',
      ].join('\n'),
    });
    bases.push(base);
    pier = await PierProcess.start(base, args);
    if (args.includes('--dump')) await eventually(async () => pier!.stdout.includes('key: +- bean'), 10_000, 'the dump');
    return { base, port };
  }

  it("shows each context's session cache and store with every setting, and the metrics module's figures", async () => {
    const { base } = await start('http,deploy,session-cache-hash,session-store-file,metrics', [
      'pier.metrics.port=0',
      'jetty.session.evictionPolicy=900',
      'jetty.session.saveOnCreate=true',
      'jetty.session.file.durability=file',
    ]);
    const tree = treeOf(pier!.stdout);
    const cache = tree.find((l) => l.includes('DefaultSessionCache@'));
    expect(cache).to.match(
      /^(\+= )+DefaultSessionCache@STARTED\{evictionPolicy=900,saveOnInactiveEviction=false,saveOnCreate=true,removeUnloadableSessions=false,flushOnResponseCommit=false,invalidateOnShutdown=false\}$/,
    );
    const store = tree.find((l) => l.includes('FileSessionDataStore@'));
    expect(store).to.match(/FileSessionDataStore@STARTED\[passivating=true\]\{gracePeriodSec=\d+,savePeriodSec=0\}\{storeDir=/);
    expect(store).to.include(
      `{storeDir=${path.join(base, 'sessions')},deleteUnrestorableFiles=false,durability=file,checkpointPeriodMs=1000,maxCheckpointBacklogBytes=67108864}`,
    );
    const metrics = tree.findIndex((l) => /MetricsConnector@STARTED\{http:\/\/127\.0\.0\.1:\d+\/metrics\}$/.test(l));
    expect(metrics, tree.join('\n')).to.be.greaterThan(-1);
    expect(tree[metrics + 1]).to.match(/^\+= \+= ServerMetrics@STARTED$/);
    const samples = tree.slice(metrics + 2).filter((l) => l.startsWith('+= += +- '));
    expect(samples).to.include.members(['+= += +- pier_requests_total 0', '+= += +- pier_sessions_created_total{context="/app",vhost="0.0.0.0"} 0']);
    expect(
      samples.some((l) => l.includes('_bucket{')),
      'histogram buckets are left out',
    ).to.equal(false);
  });

  it('shows the metrics as they are when the server stops, with jetty.server.dumpBeforeStop', async () => {
    const { port } = await start('http,deploy,session-store-file,metrics', ['pier.metrics.port=0', 'jetty.server.dumpBeforeStop=true'], []);
    for (let i = 0; i < 3; i++) expect((await request(port, '/app/visit')).status).to.equal(200);
    const running = pier!;
    pier = undefined;
    expect(await running.stop()).to.equal(0);
    const tree = treeOf(running.stdout);
    expect(tree).to.include.members([
      '+= += +- pier_requests_total 3',
      '+= += +- pier_responses_total{code="2xx"} 3',
      '+= += +- pier_sessions_created_total{context="/app",vhost="0.0.0.0"} 3',
      '+= += +- pier_request_duration_seconds_count 3',
    ]);
  });

  it('prints what the components hold after the tree when the metrics module is off', async () => {
    await start('http,deploy,session-store-file');
    const out = pier!.stdout;
    const after = out.slice(out.indexOf('key: +- bean'));
    expect(after).to.include('Metrics now (module metrics not enabled: the counters the components keep):');
    expect(after).to.include('pier_sessions_created_total{context="/app",vhost="0.0.0.0"} 0');
    expect(after).to.include('pier_file_store_journal_backlog_sessions{context="/app",vhost="0.0.0.0"} 0');
    expect(after).not.to.include('pier_request_duration_seconds');
  });
});
