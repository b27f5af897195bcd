/**
 * Tests for WebAppProvider: what counts as an app, context paths, and building context handlers.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeploymentManager } from '../../../src/deploy/deployment-manager';
import { WebAppProvider, contextPathOf, isIgnoredName } from '../../../src/deploy/providers/web-app-provider';
import { ContextHandlerCollection } from '../../../src/server/handler/context-handler-collection';
import { App } from '../../../src/deploy/app';
import { PropertiesConfigurationManager } from '../../../src/deploy/properties-configuration-manager';
import { WebAppContext } from '../../../src/webapp/web-app-context';
import { cleanupTempDirs, tempDir } from '../../webapp/webapp-test-support';

function contextXml(contextPath: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.server.handler.ContextHandler">
  <Set name="contextPath">${contextPath}</Set>
</Configure>
`;
}

function appFolder(dir: string): void {
  fs.mkdirSync(path.join(dir, 'WEB-INF'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'WEB-INF', 'web.xml'), '<web-app/>');
}

/** Reports what the provider finds without deploying anything (goal: undeployed). */
async function discovered(webapps: string): Promise<string[]> {
  const manager = new DeploymentManager();
  manager.setContexts(new ContextHandlerCollection());
  manager.setDefaultLifeCycleGoal('undeployed');
  const provider = new WebAppProvider();
  provider.setMonitoredDirName(webapps);
  manager.addAppProvider(provider);
  await manager.start();
  const found = manager
    .getApps()
    .map((a) => path.basename(a.originId))
    .sort();
  await manager.stop();
  return found;
}

describe('WebAppProvider', () => {
  afterEach(cleanupTempDirs);

  describe('scanning rules', () => {
    it('finds context XML files and app folders and ignores hidden, backup, CVS and *.d entries', async () => {
      const webapps = tempDir();
      for (const [name, cp] of [
        ['plain.xml', '/plain'],
        ['UPPER.XML', '/upper'],
        ['.hidden.xml', '/h'],
        ['editor.xml~', '/t'],
        ['old.xml.bak', '/b'],
        ['.#lock.xml', '/l'],
      ])
        fs.writeFileSync(path.join(webapps, name), contextXml(cp));
      for (const d of ['folder', 'ROOT', 'copy~', 'shop.bak', '.git', 'CVS', 'CVSROOT', 'conf.d']) appFolder(path.join(webapps, d));
      fs.writeFileSync(path.join(webapps, 'readme.txt'), 'not an app');
      expect(await discovered(webapps)).to.deep.equal(['ROOT', 'UPPER.XML', 'folder', 'plain.xml']);
    });

    it('deploys an XML file and a folder of the same name once, through the XML', async () => {
      const webapps = tempDir();
      fs.writeFileSync(path.join(webapps, 'shop.xml'), contextXml('/shop'));
      appFolder(path.join(webapps, 'shop'));
      expect(await discovered(webapps)).to.deep.equal(['shop.xml']);
    });

    it('takes a war over the folder of the same name, and an XML over both', async () => {
      const webapps = tempDir();
      fs.writeFileSync(path.join(webapps, 'a.war'), 'PK');
      appFolder(path.join(webapps, 'a'));
      fs.writeFileSync(path.join(webapps, 'b.war'), 'PK');
      appFolder(path.join(webapps, 'b'));
      fs.writeFileSync(path.join(webapps, 'b.xml'), contextXml('/b'));
      expect(await discovered(webapps)).to.deep.equal(['a.war', 'b.xml']);
    });
  });

  describe('createContextHandler()', () => {
    function providerFor(webapps: string): WebAppProvider {
      const manager = new DeploymentManager();
      manager.setContexts(new ContextHandlerCollection());
      const provider = new WebAppProvider();
      provider.setMonitoredDirName(webapps);
      manager.addAppProvider(provider);
      return provider;
    }

    it('builds a WebAppContext for a folder, with the provider defaults and the folder name as context path and display name', async () => {
      const webapps = tempDir();
      appFolder(path.join(webapps, 'shop'));
      const provider = providerFor(webapps);
      provider.setDefaultsDescriptor('/etc/pier/webdefault.xml');
      provider.setParentLoaderPriority(true);
      const ctx = (await provider.createContextHandler(
        new App(provider.getDeploymentManager()!, provider, path.join(webapps, 'shop')),
      )) as unknown as WebAppContext;
      expect(ctx).to.be.instanceOf(WebAppContext);
      expect(ctx.getContextPath()).to.equal('/shop');
      expect(ctx.getDisplayName()).to.equal('shop');
      expect(ctx.getWar()).to.equal(path.join(webapps, 'shop'));
      expect(ctx.getDefaultsDescriptor()).to.equal('/etc/pier/webdefault.xml');
      expect(ctx.isParentLoaderPriority()).to.equal(true);
    });

    it("runs a context XML with the standard properties and the configuration manager's, defaults first", async () => {
      const webapps = tempDir();
      appFolder(path.join(webapps, 'real'));
      fs.writeFileSync(
        path.join(webapps, 'app.xml'),
        `<?xml version="1.0"?>
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath"><Property name="app.path" default="/nope"/></Set>
  <Set name="war"><Property name="jetty.webapps"/>/real</Set>
  <Set name="parentLoaderPriority">false</Set>
  <Set name="displayName"><Property name="jetty.webapp"/></Set>
</Configure>
`,
      );
      const provider = providerFor(webapps);
      provider.setParentLoaderPriority(true);
      provider.setDefaultsDescriptor('/etc/pier/webdefault.xml');
      const cm = new PropertiesConfigurationManager();
      cm.put('app.path', '/from-cm');
      provider.setConfigurationManager(cm);
      const ctx = (await provider.createContextHandler(
        new App(provider.getDeploymentManager()!, provider, path.join(webapps, 'app.xml')),
      )) as unknown as WebAppContext;
      expect(ctx.getContextPath()).to.equal('/from-cm');
      expect(ctx.getWar()).to.equal(path.join(webapps, 'real'));
      expect(ctx.getDisplayName()).to.equal(path.join(webapps, 'app.xml'));
      expect(ctx.getDefaultsDescriptor()).to.equal('/etc/pier/webdefault.xml');
      expect(ctx.isParentLoaderPriority()).to.equal(false);
    });

    it('refuses a context XML that does not make a ContextHandler', async () => {
      const webapps = tempDir();
      fs.writeFileSync(path.join(webapps, 'odd.xml'), '<Configure class="org.eclipse.jetty.deploy.PropertiesConfigurationManager"/>');
      const provider = providerFor(webapps);
      const err = await provider
        .createContextHandler(new App(provider.getDeploymentManager()!, provider, path.join(webapps, 'odd.xml')))
        .catch((e: unknown) => e);
      expect((err as Error).message).to.equal(
        `Cannot deploy '${path.join(webapps, 'odd.xml')}': it configures a PropertiesConfigurationManager, not a ContextHandler`,
      );
    });
  });

  describe('contextPathOf()', () => {
    it('maps ROOT to /, root-<host> to / with a virtual host, and other names to /<name>', () => {
      expect(contextPathOf('ROOT')).to.deep.equal({ contextPath: '/', virtualHost: null });
      expect(contextPathOf('root.war')).to.deep.equal({ contextPath: '/', virtualHost: null });
      expect(contextPathOf('root-example.com')).to.deep.equal({ contextPath: '/', virtualHost: 'example.com' });
      expect(contextPathOf('shop.war')).to.deep.equal({ contextPath: '/shop', virtualHost: null });
      expect(contextPathOf('shop')).to.deep.equal({ contextPath: '/shop', virtualHost: null });
    });
  });

  describe('isIgnoredName()', () => {
    it('ignores hidden names, editor backups and CVS folders', () => {
      for (const n of ['.x', '.#x.xml', 'x~', 'x.bak', 'X.BAK', '#x#', 'CVS', 'cvsroot']) expect(isIgnoredName(n), n).to.equal(true);
      for (const n of ['x.xml', 'x', 'x.war', 'bakery']) expect(isIgnoredName(n), n).to.equal(false);
    });
  });
});
