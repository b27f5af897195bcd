/**
 * Tests of LogConfiguration: Jetty's hierarchical `.LEVEL` lookup, the root fallbacks, STACKS, the
 * output switches, and located errors for values it cannot use.
 * @module
 */
import { expect } from 'chai';
import { LogConfiguration, LogConfigurationError, LogLevel } from '../../../src/util/log';

const config = (props: Record<string, string>): LogConfiguration => LogConfiguration.fromProperties(props, 'test.properties');

describe('LogConfiguration', () => {
  it('gives every logger INFO when nothing is configured', () => {
    expect(LogConfiguration.DEFAULT.levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.INFO);
    expect(LogConfiguration.DEFAULT.levelOf('')).to.equal(LogLevel.INFO);
  });

  it('gives a logger the level of its nearest configured parent package', () => {
    const c = config({ 'org.eclipse.jetty.LEVEL': 'WARN', 'org.eclipse.jetty.server.session.LEVEL': 'DEBUG' });
    expect(c.levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.WARN);
    expect(c.levelOf('org.eclipse.jetty.server.session')).to.equal(LogLevel.DEBUG);
    expect(c.levelOf('org.eclipse.jetty.server.session.FileSessionDataStore')).to.equal(LogLevel.DEBUG);
    expect(c.levelOf('org.eclipse.jettyx.Other')).to.equal(LogLevel.INFO);
    expect(c.levelOf('com.example.App')).to.equal(LogLevel.INFO);
  });

  it('lets a class name override its package', () => {
    const c = config({ 'org.eclipse.jetty.LEVEL': 'WARN', 'org.eclipse.jetty.server.Server.LEVEL': 'INFO' });
    expect(c.levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.INFO);
    expect(c.levelOf('org.eclipse.jetty.server.HttpChannel')).to.equal(LogLevel.WARN);
  });

  it("falls back to Jetty 10's ROOT.LEVEL, then Jetty 9.4's log.LEVEL, for every other logger and the root logger", () => {
    expect(config({ 'log.LEVEL': 'WARN' }).levelOf('com.example.App')).to.equal(LogLevel.WARN);
    expect(config({ 'log.LEVEL': 'WARN' }).levelOf('')).to.equal(LogLevel.WARN);
    expect(config({ 'log.LEVEL': 'WARN', 'ROOT.LEVEL': 'ERROR' }).levelOf('com.example.App')).to.equal(LogLevel.ERROR);
    expect(config({ 'ROOT.LEVEL': 'OFF', 'com.LEVEL': 'ALL' }).levelOf('com.example.App')).to.equal(LogLevel.ALL);
  });

  it('reads level names in any case and with surrounding blanks, and the key with trailing dots', () => {
    const c = config({ 'org.eclipse.jetty.LEVEL': ' debug ', 'com.example..LEVEL': 'trace' });
    expect(c.levelOf('org.eclipse.jetty.xml.XmlConfiguration')).to.equal(LogLevel.DEBUG);
    expect(c.levelOf('com.example.App')).to.equal(LogLevel.TRACE);
  });

  it('refuses an unknown level, naming the key, the value and where it was written', () => {
    const c = (): LogConfiguration =>
      new LogConfiguration([{ key: 'org.eclipse.jetty.LEVEL', value: 'WARNING', origin: 'resources/jetty-logging.properties:3' }]);
    expect(c).to.throw(
      LogConfigurationError,
      "Cannot set log level 'org.eclipse.jetty.LEVEL' to 'WARNING' (resources/jetty-logging.properties:3): expected ALL, TRACE, DEBUG, INFO, WARN, ERROR or OFF",
    );
  });

  it('prints stacks where <name>.STACKS says so, else as the launcher asked (--debug)', () => {
    const c = LogConfiguration.fromProperties({ 'org.eclipse.jetty.server.STACKS': 'true' }, 'test');
    expect(c.stacksOf('org.eclipse.jetty.server.HttpChannel')).to.equal(true);
    expect(c.stacksOf('org.eclipse.jetty.deploy.DeploymentManager')).to.equal(false);
    const debug = LogConfiguration.fromProperties({ 'org.eclipse.jetty.deploy.STACKS': 'false' }, 'test', { stacks: true });
    expect(debug.stacksOf('org.eclipse.jetty.server.HttpChannel')).to.equal(true);
    expect(debug.stacksOf('org.eclipse.jetty.deploy.DeploymentManager')).to.equal(false);
  });

  it("reads the output switches of Jetty 9.4's StdErrLog, their Jetty 10 names, and Pier's FORMAT", () => {
    const c = config({
      'org.eclipse.jetty.util.log.stderr.LONG': 'true',
      'org.eclipse.jetty.util.log.stderr.ESCAPE': 'false',
      'org.eclipse.jetty.util.log.stderr.FORMAT': 'JSON',
    });
    expect([c.isLongNames(), c.isEscape(), c.getFormat()]).to.deep.equal([true, false, 'json']);
    const ten = config({ 'org.eclipse.jetty.logging.appender.NAME_CONDENSE': 'false', 'org.eclipse.jetty.logging.appender.MESSAGE_ESCAPE': 'false' });
    expect([ten.isLongNames(), ten.isEscape(), ten.getFormat()]).to.deep.equal([true, false, 'text']);
  });

  it('refuses a switch that is neither true nor false, and an unknown format', () => {
    expect(() => config({ 'org.eclipse.jetty.STACKS': 'yes' })).to.throw(
      LogConfigurationError,
      "Cannot set 'org.eclipse.jetty.STACKS' to 'yes' (test.properties): expected true or false",
    );
    expect(() => config({ 'org.eclipse.jetty.util.log.stderr.FORMAT': 'xml' })).to.throw(
      LogConfigurationError,
      "Cannot set 'org.eclipse.jetty.util.log.stderr.FORMAT' to 'xml' (test.properties): expected text or json",
    );
  });

  it("notes Jetty 9.4's deprecated DEBUG switches instead of honouring them, and ignores other properties", () => {
    const c = config({ 'org.eclipse.jetty.util.log.DEBUG': 'true', 'user.dir': '/x', 'jetty.http.port': '8080' });
    expect(c.getNotes()).to.deep.equal([
      "Ignored 'org.eclipse.jetty.util.log.DEBUG' (test.properties): deprecated; use org.eclipse.jetty.LEVEL=DEBUG instead",
    ]);
    expect(c.levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.INFO);
  });

  it('lets a later property replace an earlier one (a -D argument over the file)', () => {
    const c = new LogConfiguration([
      { key: 'org.eclipse.jetty.LEVEL', value: 'DEBUG', origin: 'file:1' },
      { key: 'org.eclipse.jetty.LEVEL', value: 'WARN', origin: '-D' },
    ]);
    expect(c.levelOf('org.eclipse.jetty.server.Server')).to.equal(LogLevel.WARN);
  });
});
