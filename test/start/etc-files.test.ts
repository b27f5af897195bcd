/**
 * Tests that our `etc/*.xml` files apply with the real classes, in module order, with Jetty's
 * property names and defaults.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { loadJettyClasses } from '../../src/start/class-loader';
import { resolveStart } from '../../src/start/start-configuration';
import { makeBase, removeBase, repoRoot } from './support';

/** Resolves a base's modules against this jetty.home and applies their XML files (nothing is started). */
function apply(argv: string[], base: string): { objects: unknown[]; ids: Map<string, unknown> } {
  loadJettyClasses(path.resolve(__dirname, '../../src'));
  const cfg = resolveStart(argv, { cwd: base, home: repoRoot() });
  const ids = new Map<string, unknown>();
  const objects = XmlConfiguration.applyAll(
    cfg.xmls.map((x) => x.path),
    { properties: cfg.xmlProperties(), idMap: ids },
  );
  return { objects, ids };
}

type Getter = Record<string, (...a: unknown[]) => unknown>;

describe('etc/*.xml of this jetty.home', () => {
  let base: string;
  beforeEach(() => {
    base = makeBase();
  });
  afterEach(() => removeBase(base));

  it('wires a Server with Contexts, a DefaultHandler and an HTTP connector on the default port 8080', () => {
    const { objects, ids } = apply(['--module=http'], base);
    const server = ids.get('Server') as Getter;
    expect(objects).to.include(server);
    expect(ids.has('threadPool')).to.equal(true);
    expect(ids.has('httpConfig')).to.equal(true);
    expect(ids.has('Contexts')).to.equal(true);
    expect(ids.has('DefaultHandler')).to.equal(true);
    const connector = ids.get('httpConnector') as Getter;
    expect(connector.getPort()).to.equal(8080);
    expect(connector.getHost()).to.equal(null);
    expect(connector.getIdleTimeout()).to.equal(30000);
    expect(server.getConnectors() as unknown[]).to.deep.equal([connector]);
    expect(server.getStopAtShutdown()).to.equal(true);
  });

  it('takes jetty.http.* and jetty.server.* properties from the base', () => {
    const b = makeBase({ 'start.d/http.ini': '--module=http\njetty.http.port=9123\njetty.http.host=127.0.0.1\njetty.server.stopAtShutdown=false\n' });
    try {
      const { ids } = apply([], b);
      const connector = ids.get('httpConnector') as Getter;
      expect(connector.getPort()).to.equal(9123);
      expect(connector.getHost()).to.equal('127.0.0.1');
      expect((ids.get('Server') as Getter).getStopAtShutdown()).to.equal(false);
    } finally {
      removeBase(b);
    }
  });

  it("configures the request log under ${jetty.base}/logs with Jetty's defaults", () => {
    const { ids } = apply(['--module=http,requestlog'], base);
    const log = ids.get('RequestLog') as Getter;
    expect((ids.get('Server') as Getter).getRequestLog()).to.equal(log);
    expect(log.getFilename()).to.equal(path.join(path.resolve(base), 'logs', 'yyyy_mm_dd.request.log'));
    expect(log.getRetainDays()).to.equal(90);
    expect(log.getFilenameDateFormat()).to.equal('yyyy_MM_dd');
  });

  it('adds a DeploymentManager bean watching ${jetty.base}/webapps', () => {
    const { ids } = apply(['--module=http,deploy'], base);
    const dm = ids.get('DeploymentManager') as Getter;
    expect(dm.constructor.name).to.equal('DeploymentManager');
    expect((ids.get('Server') as Getter).getBeans()).to.include(dm);
    const [provider] = dm.getAppProviders() as Getter[];
    expect(provider.getMonitoredDirName()).to.equal(path.join(path.resolve(base), 'webapps'));
  });
});
