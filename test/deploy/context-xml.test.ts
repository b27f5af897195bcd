/**
 * Tests for applying deployed context XML files, with Jetty's own corpus files.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyContextXml } from '../../src/deploy/context-xml';
import { SystemProperties } from '../../src/ioc/system-properties';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { Server } from '../../src/server/server';
import { requireCorpus } from '../support/corpus';
import { captureServerLog, cleanupTempDirs, corpusPath, tempDir } from '../webapp/webapp-test-support';

const corpus94 = (...p: string[]) => corpusPath('jetty-9.4.x', ...p);

describe('applyContextXml()', () => {
  before(function () {
    requireCorpus(this);
  });
  afterEach(cleanupTempDirs);

  it("runs Jetty 9.4's deployer test foo.xml unchanged", async () => {
    const ctx = (await applyContextXml(corpus94('jetty-deploy', 'src', 'test', 'resources', 'webapps', 'foo.xml'), {
      server: new Server(),
      properties: new Map([['test.webapps', '/srv/wars']]),
    })) as WebAppContext;
    expect(ctx).to.be.instanceOf(WebAppContext);
    expect(ctx.getContextPath()).to.equal('/foo');
    expect(ctx.getWar()).to.equal('/srv/wars/foo.war');
  });

  it('gives jetty.webapps to badapp.xml, whose war is refused with throwUnavailableOnStartupException', async () => {
    const dir = tempDir();
    const xml = path.join(dir, 'badapp.xml');
    fs.copyFileSync(corpus94('jetty-deploy', 'src', 'test', 'resources', 'webapps', 'badapp', 'badapp.xml'), xml);
    fs.writeFileSync(path.join(dir, 'badapp.war'), 'PK');
    const ctx = (await applyContextXml(xml, { server: new Server(), properties: new Map() })) as WebAppContext;
    expect(ctx.getWar()).to.equal(path.join(dir, 'badapp.war'));
    expect(ctx.isThrowUnavailableOnStartupException()).to.equal(true);
    const err = (await captureServerLog(() => ctx.start()).catch((e: unknown) => e)) as Error;
    expect(err.message).to.equal(
      `Cannot deploy '${path.join(dir, 'badapp.war')}': .war archives are not supported, unpack it into '${path.join(dir, 'badapp')}'`,
    );
  });

  it("accepts the settings of the integration tests' badapp-unavailable-false.xml", async () => {
    SystemProperties.set('test.docroots', '/srv/docroots');
    SystemProperties.set('maven.test.classes', '/srv/classes');
    try {
      const ctx = (await applyContextXml(
        corpus94('tests', 'test-integration', 'src', 'test', 'resources', 'docroots', 'deployerror', 'badapp-unavailable-false.xml'),
        { server: new Server(), properties: new Map() },
      )) as WebAppContext;
      expect(ctx.getContextPath()).to.equal('/badapp-uaf');
      expect(ctx.getWar()).to.equal('/srv/docroots/badapp/');
      expect(ctx.getExtraClasspath()).to.equal('/srv/classes');
      expect(ctx.isThrowUnavailableOnStartupException()).to.equal(false);
      expect(ctx.getAttribute('org.eclipse.jetty.containerInitializerExclusionPattern')).to.equal('org.jboss.*');
    } finally {
      SystemProperties.clear('test.docroots');
      SystemProperties.clear('maven.test.classes');
    }
  });

  it("calls the initializeDefaults hook on the WebAppContext before the XML's own settings", async () => {
    const seen: string[] = [];
    const ctx = (await applyContextXml(corpus94('jetty-deploy', 'src', 'test', 'resources', 'webapps', 'foo.xml'), {
      server: null,
      properties: new Map(),
      initializeDefaults: (o) => {
        seen.push(`${(o as WebAppContext).constructor.name} ${(o as WebAppContext).getContextPath()}`);
      },
    })) as WebAppContext;
    expect(seen).to.deep.equal(['WebAppContext /']);
    expect(ctx.getContextPath()).to.equal('/foo');
  });
});
