import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import '../../src/server';
import '../../src/servlet';
import { Server } from '../../src/server/server';
import { ServerConnector } from '../../src/server/server-connector';
import { HandlerCollection } from '../../src/server/handler/handler-collection';
import { ContextHandlerCollection } from '../../src/server/handler/context-handler-collection';
import { DefaultHandler } from '../../src/server/handler/default-handler';
import { NCSARequestLog } from '../../src/server/requestlog/ncsa-request-log';
import { CustomRequestLog } from '../../src/server/requestlog/custom-request-log';
import { GzipHandler } from '../../src/server/handler/gzip/gzip-handler';
import { StatisticsHandler } from '../../src/server/handler/statistics-handler';
import { QueuedThreadPool } from '../../src/server/placeholders/queued-thread-pool';
import { getReportedNotApplicable } from '../../src/server/not-applicable';
import { corpusRoot, requireCorpus } from '../support/corpus';
import { request } from './http-helpers';

const ETC = (version: string): string => path.join(corpusRoot(), version, 'jetty-server', 'src', 'main', 'config', 'etc');

/** Applies the files in order, sharing ids and properties, and returns the Server. */
function apply(files: string[], properties: Record<string, string>): { server: Server; ids: Map<string, unknown> } {
  const ids = new Map<string, unknown>();
  const props = new Map(Object.entries(properties));
  for (const f of files) new XmlConfiguration(f, { idMap: ids, properties: props }).configure();
  return { server: ids.get('Server') as Server, ids };
}

describe('Jetty 9.4 etc files', () => {
  let base: string;
  before(function () {
    requireCorpus(this);
  });
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-etc-'));
  });
  afterEach(() => {
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('jetty-threadpool, jetty-bytebufferpool, jetty, jetty-http and jetty-requestlog apply unchanged and serve a 404 from DefaultHandler', async () => {
    const etc = ETC('jetty-9.4.x');
    const { server, ids } = apply(
      ['jetty-threadpool.xml', 'jetty-bytebufferpool.xml', 'jetty.xml', 'jetty-http.xml', 'jetty-requestlog.xml'].map((f) => path.join(etc, f)),
      { 'jetty.http.port': '0', 'jetty.http.host': '127.0.0.1', 'jetty.base': base },
    );
    expect(server).to.be.instanceOf(Server);
    expect(server.getThreadPool()).to.equal(ids.get('threadPool'));
    expect(server.getThreadPool()).to.be.instanceOf(QueuedThreadPool);
    expect(server.getStopTimeout()).to.equal(5000);
    expect(server.getStopAtShutdown()).to.equal(true);
    const handlers = server.getHandler() as HandlerCollection;
    expect(handlers).to.be.instanceOf(HandlerCollection);
    expect(handlers.getHandlers()[0]).to.be.instanceOf(ContextHandlerCollection);
    expect(handlers.getHandlers()[1]).to.be.instanceOf(DefaultHandler);
    const connector = server.getConnectors()[0] as ServerConnector;
    expect(connector.getIdleTimeout()).to.equal(30000);
    expect(server.getRequestLog()).to.be.instanceOf(NCSARequestLog);
    expect(getReportedNotApplicable()).to.include.members(['QueuedThreadPool.maxThreads', 'SelectorManager.connectTimeout']);
    await server.start();
    try {
      const port = connector.getLocalPort();
      const r = await request(port, '/');
      expect(r.status).to.equal(404);
      expect(r.text).to.contain('No context on this server matched or handled this request.');
      const other = await request(port, '/nothing/here');
      expect(other.status).to.equal(404);
    } finally {
      await server.stop();
    }
    const logs = fs.readdirSync(path.join(base, 'logs'));
    expect(logs).to.have.length(1);
    expect(logs[0]).to.match(/^\d{4}_\d{2}_\d{2}\.request\.log$/);
    const lines = fs
      .readFileSync(path.join(base, 'logs', logs[0]), 'utf8')
      .trim()
      .split('\n');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^127\.0\.0\.1 - - \[\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] "GET \/ HTTP\/1\.1" 404 \d+ $/);
  });

  it('jetty-customrequestlog, jetty-stats and jetty-gzip apply unchanged on top of jetty.xml', async () => {
    const etc = ETC('jetty-9.4.x');
    const { server } = apply(
      [
        'jetty-threadpool.xml',
        'jetty-bytebufferpool.xml',
        'jetty.xml',
        'jetty-http.xml',
        'jetty-customrequestlog.xml',
        'jetty-stats.xml',
        'jetty-gzip.xml',
      ].map((f) => path.join(etc, f)),
      { 'jetty.http.port': '0', 'jetty.http.host': '127.0.0.1', 'jetty.base': base },
    );
    expect(server.getRequestLog()).to.be.instanceOf(CustomRequestLog);
    expect(server.getHandler()).to.be.instanceOf(GzipHandler);
    const stats = (server.getHandler() as GzipHandler).getHandler() as StatisticsHandler;
    expect(stats).to.be.instanceOf(StatisticsHandler);
    await server.start();
    try {
      const port = (server.getConnectors()[0] as ServerConnector).getLocalPort();
      await request(port, '/x', { headers: { 'user-agent': 'pier-test' } });
      expect(stats.getResponses4xx()).to.equal(1);
    } finally {
      await server.stop();
    }
    const logs = fs.readdirSync(path.join(base, 'logs'));
    const line = fs.readFileSync(path.join(base, 'logs', logs[0]), 'utf8').trim();
    expect(line).to.match(/^127\.0\.0\.1 - - \[.+ \+0000\] "GET \/x HTTP\/1\.1" 404 \d+ "-" "pier-test"$/);
  });

  for (const version of ['jetty-9.3.x', 'jetty-10.0.x']) {
    it(`${version} jetty.xml and jetty-http.xml apply unchanged and serve`, async () => {
      const etc = ETC(version);
      const files =
        version === 'jetty-9.3.x'
          ? ['jetty.xml', 'jetty-http.xml']
          : ['jetty-threadpool.xml', 'jetty-bytebufferpool.xml', 'jetty.xml', 'jetty-http.xml'];
      const { server } = apply(
        files.map((f) => path.join(etc, f)),
        { 'jetty.http.port': '0', 'jetty.http.host': '127.0.0.1', 'jetty.base': base },
      );
      await server.start();
      try {
        const port = (server.getConnectors()[0] as ServerConnector).getLocalPort();
        expect((await request(port, '/')).status).to.equal(404);
      } finally {
        await server.stop();
      }
    });
  }

  it('every other jetty-server etc file without TLS applies unchanged on top of jetty.xml and the server still serves', async () => {
    const etc = ETC('jetty-9.4.x');
    const extra = [
      'jetty-http-forwarded.xml',
      'jetty-acceptratelimit.xml',
      'jetty-connectionlimit.xml',
      'jetty-lowresources.xml',
      'jetty-threadlimit.xml',
      'jetty-ipaccess.xml',
      'jetty-stats.xml',
      'jetty-gzip.xml',
      'jetty-requestlog.xml',
    ];
    const { server } = apply(
      ['jetty-threadpool.xml', 'jetty-bytebufferpool.xml', 'jetty.xml', 'jetty-http.xml', ...extra].map((f) => path.join(etc, f)),
      { 'jetty.http.port': '0', 'jetty.http.host': '127.0.0.1', 'jetty.base': base },
    );
    await server.start();
    try {
      const connector = server.getConnectors()[0] as ServerConnector;
      expect(connector.getMaxConnections()).to.equal(1000);
      const r = await request(connector.getLocalPort(), '/', { headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(r.status).to.equal(404);
    } finally {
      await server.stop();
    }
  });
});
