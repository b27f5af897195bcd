/**
 * Tests for hot deployment over HTTP: deploy, redeploy with new code, undeploy, context XML, broken apps.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeploymentManager } from '../../src/deploy/deployment-manager';
import { WebAppProvider } from '../../src/deploy/providers/web-app-provider';
import { ContextHandlerCollection } from '../../src/server/handler/context-handler-collection';
import type { Server } from '../../src/server/server';
import { captureServerLog, cleanupTempDirs, copyTree, fixturePath, httpGet, pollUntil, startServer, tempDir } from '../webapp/webapp-test-support';

const HELLO = fixturePath('deploy', 'hello');
const DEFAULTS = fixturePath('deploy', 'webdefault-no-static.xml');

function webAppXml(contextPath: string, war: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">${contextPath}</Set>
  <Set name="war">${war}</Set>
</Configure>
`;
}

/** Moves a file's modification time forward, so the scanner sees the change whatever the clock resolution. */
function touch(file: string): void {
  const t = new Date(fs.statSync(file).mtimeMs + 5000);
  fs.utimesSync(file, t, t);
}

describe('WebAppProvider hot deployment', () => {
  let server: Server;
  let port: number;
  let webapps: string;
  let manager: DeploymentManager;
  let log: string[];
  let restoreLog: () => void;

  before(async () => {
    webapps = tempDir('pier-webapps-');
    copyTree(HELLO, path.join(webapps, 'alpha'));
    copyTree(HELLO, path.join(webapps, 'sick'));
    fs.writeFileSync(
      path.join(webapps, 'sick', 'WEB-INF', 'web.xml'),
      '<web-app><servlet-mapping><servlet-name>ghost</servlet-name><url-pattern>/x</url-pattern></servlet-mapping></web-app>',
    );
    const contexts = new ContextHandlerCollection();
    manager = new DeploymentManager();
    manager.setContexts(contexts);
    const provider = new WebAppProvider();
    provider.setMonitoredDirName(webapps);
    provider.setDefaultsDescriptor(DEFAULTS);
    provider.setScanInterval(0.05);
    manager.addAppProvider(provider);
    log = [];
    await new Promise<void>((resolveSetup, rejectSetup) => {
      // keep the server log quiet for the whole suite and collect it
      void captureServerLog(async (lines) => {
        log = lines;
        try {
          ({ server, port } = await startServer(contexts));
          server.addBean(manager);
          await manager.start();
          resolveSetup();
        } catch (err) {
          rejectSetup(err);
        }
        await new Promise<void>((r) => {
          restoreLog = r;
        });
      });
    });
  });

  after(async () => {
    await server.stop();
    restoreLog();
    cleanupTempDirs();
  });

  it('knows the Server through its contexts (the `Server` id of context XML files)', () => {
    expect(manager.getServer()).to.equal(server);
  });

  it('deploys the folders present at start under their names', async () => {
    const res = await httpGet(port, '/alpha/hello');
    expect(res.status, log.join('\n')).to.equal(200);
    expect(res.body).to.equal('hello v1 from /alpha');
  });

  it('starts the server although an app fails at start; that app answers 503', async () => {
    expect((await httpGet(port, '/sick/hello')).status).to.equal(503);
    expect(log.filter((l) => l.startsWith('Failed startup of context') && l.includes('/sick'))).to.have.length(1);
    expect(log.find((l) => l.startsWith('Failed startup of context') && l.includes('/sick'))).to.contain(
      "Cannot map '/x' to servlet 'ghost': no servlet has that name",
    );
  });

  it('deploys a folder added while running', async () => {
    copyTree(HELLO, path.join(webapps, 'beta'));
    const res = await pollUntil('beta to deploy', async () => {
      const r = await httpGet(port, '/beta/hello');
      return r.status === 200 ? r : null;
    });
    expect(res.body).to.equal('hello v1 from /beta');
  });

  it('redeploys a folder when a file under its WEB-INF changes, with the new code', async () => {
    const servlet = path.join(webapps, 'beta', 'WEB-INF', 'classes', 'demo', 'HelloServlet.js');
    fs.writeFileSync(servlet, fs.readFileSync(servlet, 'utf8').replace('hello v1', 'hello v2'));
    touch(servlet);
    const res = await pollUntil('beta to redeploy', async () => {
      const r = await httpGet(port, '/beta/hello');
      return r.body.startsWith('hello v2') ? r : null;
    });
    expect(res.body).to.equal('hello v2 from /beta');
    expect((await httpGet(port, '/alpha/hello')).body).to.equal('hello v1 from /alpha');
  });

  it('undeploys a folder that is removed', async () => {
    fs.rmSync(path.join(webapps, 'beta'), { recursive: true, force: true });
    await pollUntil('beta to undeploy', async () => (await httpGet(port, '/beta/hello')).status === 404);
    expect(
      manager
        .getApps()
        .map((a) => path.basename(a.originId))
        .sort(),
    ).to.deep.equal(['alpha', 'sick']);
  });

  it('deploys a context XML added while running, with its own context path', async () => {
    fs.writeFileSync(path.join(webapps, 'gamma.xml'), webAppXml('/g', path.join(webapps, 'alpha')));
    const res = await pollUntil('gamma.xml to deploy', async () => {
      const r = await httpGet(port, '/g/hello');
      return r.status === 200 ? r : null;
    });
    expect(res.body).to.equal('hello v1 from /g');
  });

  it('redeploys a context XML that changes and undeploys it when removed', async () => {
    const xml = path.join(webapps, 'gamma.xml');
    fs.writeFileSync(xml, webAppXml('/g2', path.join(webapps, 'alpha')));
    touch(xml);
    await pollUntil('gamma.xml to redeploy at /g2', async () => (await httpGet(port, '/g2/hello')).status === 200);
    expect((await httpGet(port, '/g/hello')).status).to.equal(404);
    fs.rmSync(xml);
    await pollUntil('gamma.xml to undeploy', async () => (await httpGet(port, '/g2/hello')).status === 404);
  });

  it('keeps the other apps serving when a broken app is added, and logs one line for it', async () => {
    const broken = path.join(webapps, 'broken');
    copyTree(HELLO, broken);
    fs.writeFileSync(path.join(broken, 'WEB-INF', 'web.xml'), '<web-app>\n  <servlet>\n</web-app>\n');
    fs.writeFileSync(
      path.join(webapps, 'bad.xml'),
      '<Configure class="org.eclipse.jetty.webapp.WebAppContext">\n  <Set name="noSuchSetter">x</Set>\n</Configure>\n',
    );
    await pollUntil('broken to answer 503', async () => (await httpGet(port, '/broken/hello')).status === 503);
    await pollUntil('bad.xml to fail', () => log.some((l) => l.includes(`Cannot deploy '${path.join(webapps, 'bad.xml')}'`)));
    expect(log.filter((l) => l.startsWith('Failed startup of context') && l.includes('/broken'))).to.have.length(1);
    const badLines = log.filter((l) => l.includes(`Cannot deploy '${path.join(webapps, 'bad.xml')}'`));
    expect(badLines).to.have.length(1);
    expect(badLines[0]).to.contain(`${path.join(webapps, 'bad.xml')}:2:3`);
    expect((await httpGet(port, '/alpha/hello')).body).to.equal('hello v1 from /alpha');
  });
});
