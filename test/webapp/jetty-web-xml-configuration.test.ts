/**
 * Tests for WEB-INF/jetty-web.xml: when it is applied and what it sees.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { findJettyWebXml } from '../../src/webapp/jetty-web-xml-configuration';
import { captureServerLog, cleanupTempDirs, fixturePath, httpGet, startServer, tempDir } from './webapp-test-support';
import * as fs from 'node:fs';

describe('JettyWebXmlConfiguration', () => {
  afterEach(cleanupTempDirs);

  describe('applied by WebAppContext at start', () => {
    const app = fixturePath('webapp', 'apps', 'tuned');
    let webapp: WebAppContext;
    let port: number;
    let stop: () => Promise<void>;

    before(async () => {
      webapp = new WebAppContext(app, '/from-constructor');
      webapp.setDefaultsDescriptor(null);
      await captureServerLog(async () => {
        const started = await startServer(webapp);
        port = started.port;
        stop = () => captureServerLog(() => started.server.stop());
      });
    });
    after(() => stop());

    it('overrides what was set before it (the context path)', async () => {
      expect(webapp.getAppliedJettyWebXml()).to.equal(path.join(app, 'WEB-INF', 'jetty-web.xml'));
      expect(webapp.getContextPath()).to.equal('/tuned');
      const res = await httpGet(port, '/tuned/echo');
      expect(res.status).to.equal(200);
      expect(res.body).to.match(/^\/tuned /);
    });

    it('is applied before web.xml, so web.xml wins where both set something', async () => {
      expect((await httpGet(port, '/tuned/echo')).body).to.equal('/tuned greeting=from-web-xml onlyJettyWeb=yes');
      expect(webapp.getSessionHandler()?.getMaxInactiveInterval()).to.equal(20 * 60);
    });

    it('sees the web-inf property and can instantiate classes the app declares', () => {
      expect(webapp.getAttribute('webInf')).to.equal(path.join(app, 'WEB-INF'));
      expect((webapp.getAttribute('declared') as object).constructor.name).to.equal('EchoServlet');
    });
  });

  describe('findJettyWebXml()', () => {
    it('takes jetty8-web.xml, then jetty-web.xml, then web-jetty.xml', () => {
      const webInf = tempDir();
      expect(findJettyWebXml(webInf)).to.equal(null);
      fs.writeFileSync(path.join(webInf, 'web-jetty.xml'), '<Configure/>');
      expect(findJettyWebXml(webInf)).to.equal(path.join(webInf, 'web-jetty.xml'));
      fs.writeFileSync(path.join(webInf, 'jetty-web.xml'), '<Configure/>');
      expect(findJettyWebXml(webInf)).to.equal(path.join(webInf, 'jetty-web.xml'));
      fs.writeFileSync(path.join(webInf, 'jetty8-web.xml'), '<Configure/>');
      expect(findJettyWebXml(webInf)).to.equal(path.join(webInf, 'jetty8-web.xml'));
    });
  });
});
