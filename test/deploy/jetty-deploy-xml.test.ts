/**
 * Tests that Jetty 9.4's etc/jetty-deploy.xml runs unchanged, and for PropertiesConfigurationManager.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { DeploymentManager } from '../../src/deploy/deployment-manager';
import { PropertiesConfigurationManager } from '../../src/deploy/properties-configuration-manager';
import { WebAppProvider } from '../../src/deploy/providers/web-app-provider';
import { Server } from '../../src/server/server';
import { ContextHandlerCollection } from '../../src/server/handler/context-handler-collection';
import { requireCorpus } from '../support/corpus';
import { cleanupTempDirs, corpusPath, repoRoot, tempDir } from '../webapp/webapp-test-support';

const JETTY_DEPLOY_94 = corpusPath('jetty-9.4.x', 'jetty-deploy', 'src', 'main', 'config', 'etc', 'jetty-deploy.xml');

/** Applies an XML file to a server whose `Contexts` id is a ContextHandlerCollection, as etc/jetty.xml leaves it. */
function applyToServer(
  file: string,
  properties: Record<string, string>,
): { server: Server; contexts: ContextHandlerCollection; ids: Map<string, unknown> } {
  const server = new Server();
  const contexts = new ContextHandlerCollection();
  server.setHandler(contexts);
  const ids = new Map<string, unknown>([
    ['Server', server],
    ['Contexts', contexts],
  ]);
  new XmlConfiguration(file, { idMap: ids, properties }).configure();
  return { server, contexts, ids };
}

describe("Jetty's etc/jetty-deploy.xml", () => {
  before(function () {
    requireCorpus(this);
  });
  afterEach(cleanupTempDirs);

  it('runs unchanged from Jetty 9.4 and wires a DeploymentManager with one WebAppProvider', () => {
    const base = tempDir();
    const { server, contexts, ids } = applyToServer(JETTY_DEPLOY_94, { 'jetty.base': base, 'jetty.home': '/opt/home' });
    const manager = ids.get('DeploymentManager');
    expect(manager).to.be.instanceOf(DeploymentManager);
    expect(server.getBeans()).to.include(manager);
    const dm = manager as DeploymentManager;
    expect(dm.getContexts()).to.equal(contexts);
    expect(dm.getContextAttribute('org.eclipse.jetty.server.webapp.ContainerIncludeJarPattern')).to.match(/servlet-api/);
    const [provider] = dm.getAppProviders() as WebAppProvider[];
    expect(provider).to.be.instanceOf(WebAppProvider);
    expect(provider.getMonitoredDirName()).to.equal(path.join(base, 'webapps'));
    expect(provider.getDefaultsDescriptor()).to.equal('/opt/home/etc/webdefault.xml');
    expect(provider.getScanInterval()).to.equal(1);
    expect(provider.isExtractWars()).to.equal(true);
    expect(provider.getConfigurationManager()).to.be.instanceOf(PropertiesConfigurationManager);
  });

  it('reads jetty.deploy.* properties, including the deprecated monitoredDirName', () => {
    const { ids } = applyToServer(JETTY_DEPLOY_94, {
      'jetty.base': '/b',
      'jetty.deploy.monitoredDirName': 'apps',
      'jetty.deploy.scanInterval': '0',
      'jetty.deploy.extractWars': 'false',
      'jetty.deploy.defaultsDescriptorPath': '/d/webdefault.xml',
    });
    const provider = (ids.get('DeploymentManager') as DeploymentManager).getAppProviders()[0] as WebAppProvider;
    expect(provider.getMonitoredDirName()).to.equal(path.resolve('/b/apps'));
    expect(provider.getScanInterval()).to.equal(0);
    expect(provider.isExtractWars()).to.equal(false);
    expect(provider.getDefaultsDescriptor()).to.equal('/d/webdefault.xml');
  });

  for (const version of ['jetty-9.3.x', 'jetty-10.0.x']) {
    it(`also runs the ${version} file unchanged`, () => {
      // 10.x resolves the folder with the static XmlConfiguration.resolvePath, which the ioc area registers
      const base = tempDir();
      const file = corpusPath(version, 'jetty-deploy', 'src', 'main', 'config', 'etc', 'jetty-deploy.xml');
      const { ids } = applyToServer(file, { 'jetty.base': base, 'jetty.home': '/opt/home' });
      const provider = (ids.get('DeploymentManager') as DeploymentManager).getAppProviders()[0] as WebAppProvider;
      expect(provider.getMonitoredDirName()).to.equal(path.join(base, 'webapps'));
      expect(provider.getScanInterval()).to.equal(1);
    });
  }

  it('accepts the customise step that the file shows commented out (insertLifeCycleNode + DebugBinding)', () => {
    const text = fs.readFileSync(JETTY_DEPLOY_94, 'utf8').replace(/<!-- uncomment and replace DebugBinding[^\n]*\n([\s\S]*?)-->/, '$1');
    expect(text).to.contain('<Call name="insertLifeCycleNode">');
    const server = new Server();
    const contexts = new ContextHandlerCollection();
    server.setHandler(contexts);
    const ids = new Map<string, unknown>([
      ['Server', server],
      ['Contexts', contexts],
    ]);
    XmlConfiguration.fromString(text, 'jetty-deploy-customise.xml', { idMap: ids, properties: { 'jetty.base': tempDir() } }).configure();
    const dm = ids.get('DeploymentManager') as DeploymentManager;
    expect(dm.getLifeCycle().findPath('deployed', 'started')).to.deep.equal(['customise', 'starting', 'started']);
    expect(dm.getLifeCycleBindings().map((b) => b.getBindingTargets())).to.deep.equal([['customise']]);
  });
});

describe("Pier's etc/jetty-deploy.xml", () => {
  afterEach(cleanupTempDirs);

  it("wires a DeploymentManager with the same classes and setters as Jetty's", () => {
    const ours = path.join(repoRoot(), 'etc', 'jetty-deploy.xml');
    const { ids } = applyToServer(ours, { 'jetty.base': tempDir(), 'jetty.home': repoRoot() });
    expect(ids.get('DeploymentManager')).to.be.instanceOf(DeploymentManager);
  });
});

describe('PropertiesConfigurationManager', () => {
  afterEach(cleanupTempDirs);

  it('reads a properties file and lets put() entries win', () => {
    const file = path.join(tempDir(), 'ctx.properties');
    fs.writeFileSync(file, '# comment\na = 1\nb: two\\\n  lines\nc=x\\u0041\n');
    const cm = new PropertiesConfigurationManager();
    cm.setFile(file);
    cm.put('c', 'put');
    expect([...cm.getProperties()]).to.deep.equal([
      ['a', '1'],
      ['b', 'twolines'],
      ['c', 'put'],
    ]);
  });

  it('names the file it cannot read', () => {
    const cm = new PropertiesConfigurationManager('/nonexistent/ctx.properties');
    expect(() => cm.getProperties()).to.throw(/^Cannot load configuration properties '\/nonexistent\/ctx\.properties': /);
  });
});
