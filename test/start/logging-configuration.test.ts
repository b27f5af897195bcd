/**
 * Tests of the launch's logging configuration: jetty-logging.properties on the classpath that `[lib]`
 * folders of enabled modules (the `resources` module) make, `-D` arguments on top, located errors.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classpathFolders, findLoggingProperties, loadLogConfiguration } from '../../src/start/logging-configuration';
import { resolveStart } from '../../src/start/start-configuration';
import { LogConfigurationError, LogLevel } from '../../src/util/log';
import { repoRoot } from '../support/corpus';
import { makeBase, removeBase } from './support';

const RESOURCES_MOD = fs.readFileSync(path.join(repoRoot(), 'modules', 'resources.mod'), 'utf8');

describe('loadLogConfiguration()', () => {
  let home: string;
  const bases: string[] = [];
  const base = (files: Record<string, string>): string => {
    const b = makeBase(files);
    bases.push(b);
    return b;
  };
  before(() => {
    home = makeBase({
      'modules/resources.mod': RESOURCES_MOD,
      'modules/server.mod': '[optional]\nresources\n',
      'resources/jetty-logging.properties': 'org.eclipse.jetty.LEVEL=ERROR\n',
    });
  });
  after(() => {
    removeBase(home);
    for (const b of bases) removeBase(b);
  });

  it('reads ${jetty.base}/resources/jetty-logging.properties when the resources module is enabled', () => {
    const b = base({
      'start.ini': '--module=server,resources\n',
      'resources/jetty-logging.properties': '# levels\norg.eclipse.jetty.LEVEL=WARN\norg.eclipse.jetty.server.session.LEVEL=DEBUG\n',
    });
    const cfg = resolveStart([], { cwd: b, home });
    expect(classpathFolders(cfg)).to.deep.equal([path.join(b, 'resources'), path.join(home, 'resources')]);
    const log = loadLogConfiguration(cfg);
    expect(log.levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.WARN);
    expect(log.levelOf('org.eclipse.jetty.server.session')).to.equal(LogLevel.DEBUG);
  });

  it('falls back to ${jetty.home}/resources when the base has no jetty-logging.properties', () => {
    const b = base({ 'start.ini': '--module=resources\n' });
    const cfg = resolveStart([], { cwd: b, home });
    expect(findLoggingProperties(cfg)).to.equal(path.join(home, 'resources', 'jetty-logging.properties'));
    expect(loadLogConfiguration(cfg).levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.ERROR);
  });

  it('looks for no file when no enabled module puts a folder on the classpath, as Jetty without the resources module', () => {
    const b = base({ 'start.ini': '--module=server\n', 'resources/jetty-logging.properties': 'org.eclipse.jetty.LEVEL=WARN\n' });
    const cfg = resolveStart([], { cwd: b, home });
    expect(classpathFolders(cfg)).to.deep.equal([]);
    expect(loadLogConfiguration(cfg).levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.INFO);
  });

  it('lets a -D argument (command line or ini file) win over the file', () => {
    const b = base({
      'start.ini': '--module=resources\n-Dorg.eclipse.jetty.deploy.LEVEL=OFF\n',
      'resources/jetty-logging.properties': 'org.eclipse.jetty.LEVEL=WARN\n',
    });
    const cfg = resolveStart(['-Dorg.eclipse.jetty.LEVEL=DEBUG'], { cwd: b, home });
    const log = loadLogConfiguration(cfg);
    expect(log.levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.DEBUG);
    expect(log.levelOf('org.eclipse.jetty.deploy.DeploymentManager')).to.equal(LogLevel.OFF);
  });

  it('names the file and line of a level it cannot use', () => {
    const b = base({ 'start.ini': '--module=resources\n', 'resources/jetty-logging.properties': '# comment\n\norg.eclipse.jetty.LEVEL=VERBOSE\n' });
    expect(() => loadLogConfiguration(resolveStart([], { cwd: b, home }))).to.throw(
      LogConfigurationError,
      "Cannot set log level 'org.eclipse.jetty.LEVEL' to 'VERBOSE' (${jetty.base}/resources/jetty-logging.properties:3): expected ALL, TRACE, DEBUG, INFO, WARN, ERROR or OFF",
    );
  });

  it('names the -D argument of a level it cannot use', () => {
    const b = base({ 'start.ini': '--module=server\n' });
    expect(() => loadLogConfiguration(resolveStart(['-Dorg.eclipse.jetty.LEVEL=LOUD'], { cwd: b, home }))).to.throw(
      LogConfigurationError,
      "Cannot set log level 'org.eclipse.jetty.LEVEL' to 'LOUD' (-Dorg.eclipse.jetty.LEVEL on the command line)",
    );
  });

  it('prints stacks by default when the launcher asks (--debug)', () => {
    const b = base({ 'start.ini': '--module=server\n' });
    expect(loadLogConfiguration(resolveStart([], { cwd: b, home }), { stacks: true }).stacksOf('org.eclipse.jetty.server.HttpChannel')).to.equal(
      true,
    );
  });
});
