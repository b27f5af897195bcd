/**
 * Tests of Log and Logger: one logger per name, levels that follow the configuration, `{}` messages,
 * an attached error, and nothing built for a level that is off.
 * @module
 */
import { expect } from 'chai';
import { Log, LogLevel } from '../../../src/util/log';
import { captureLog, withLogProperties } from '../../support/log-capture';

describe('Log.getLogger()', () => {
  const records = captureLog();

  it('gives one logger per name', () => {
    expect(Log.getLogger('org.example.a')).to.equal(Log.getLogger('org.example.a'));
    expect(Log.getRootLogger().getName()).to.equal('');
  });

  it('writes a record with the level, the full logger name and the message', () => {
    Log.getLogger('org.example.a').warn('Cannot do it');
    expect(records.map((r) => [r.level, r.logger, r.message])).to.deep.equal([['WARN', 'org.example.a', 'Cannot do it']]);
  });

  it("fills each {} with the next argument and appends arguments that have none, as Jetty's loggers do", () => {
    const log = Log.getLogger('org.example.b');
    log.info('Session {} in use, {} requests', 'abc', 2);
    log.info('Stopped', 'extra');
    log.info("Kept {} as it is without arguments: '{}'");
    expect(records.map((r) => r.message)).to.deep.equal([
      'Session abc in use, 2 requests',
      'Stopped extra',
      "Kept {} as it is without arguments: '{}'",
    ]);
  });

  it('attaches an Error given as the last argument instead of formatting it', () => {
    const err = new Error('disk full');
    Log.getLogger('org.example.c').warn("Cannot save session '{}': {}", 'x1', err.message, err);
    expect(records[0].message).to.equal("Cannot save session 'x1': disk full");
    expect(records[0].thrown).to.equal(err);
  });

  it('writes nothing below the logger level, and follows a new configuration, also for loggers made before it', async () => {
    const early = Log.getLogger('org.example.levels.Early');
    await withLogProperties({ 'org.example.levels.LEVEL': 'WARN' }, () => {
      const late = Log.getLogger('org.example.levels.Late');
      early.info('hidden');
      late.info('hidden');
      early.warn('shown');
      expect(early.isDebugEnabled()).to.equal(false);
      expect(late.getLevel()).to.equal(LogLevel.WARN);
    });
    early.info('shown again');
    expect(records.map((r) => r.message)).to.deep.equal(['shown', 'shown again']);
  });

  it('turns debug on per package and reports it through isDebugEnabled()', async () => {
    const session = Log.getLogger('org.example.session');
    expect(session.isDebugEnabled()).to.equal(false);
    session.debug('hidden');
    await withLogProperties({ 'org.example.session.LEVEL': 'DEBUG' }, () => {
      expect(session.isDebugEnabled()).to.equal(true);
      session.debug('Got session id {} from cookie', 'abc');
    });
    expect(records.map((r) => [r.level, r.message])).to.deep.equal([['DEBUG', 'Got session id abc from cookie']]);
  });

  it('does not format the arguments of a record whose level is off', async () => {
    let formatted = 0;
    const costly = {
      toString: () => {
        formatted++;
        return 'costly';
      },
    };
    await withLogProperties({ 'org.example.cheap.LEVEL': 'WARN' }, () => {
      Log.getLogger('org.example.cheap').info('value {}', costly);
      Log.getLogger('org.example.cheap').warn('value {}', costly);
    });
    expect(formatted).to.equal(1);
  });

  it('keeps working when the appender throws', () => {
    const previous = Log.setAppender(() => {
      throw new Error('stderr closed');
    });
    try {
      expect(() => Log.getLogger('org.example.d').warn('still fine')).not.to.throw();
    } finally {
      Log.setAppender(previous);
    }
  });

  it('applies the stacks switch of the configuration to the records', async () => {
    await withLogProperties({ 'org.example.e.STACKS': 'true' }, () => Log.getLogger('org.example.e').warn('x', new Error('y')));
    Log.getLogger('org.example.e').warn('x', new Error('y'));
    expect(records.map((r) => r.record.stacks)).to.deep.equal([true, false]);
  });
});
