/**
 * Tests of the output formats: Jetty 9.4 StdErrLog's line, its abbreviated names and escaping, and JSON lines.
 * @module
 */
import { expect } from 'chai';
import {
  condenseLoggerName,
  escapeLogText,
  formatJsonRecord,
  formatLogTime,
  formatTextRecord,
  LogConfiguration,
  LogLevel,
  type LogRecord,
} from '../../../src/util/log';

const at = new Date(2026, 11, 1, 12, 0, 0, 7).getTime();
const record = (over: Partial<LogRecord> = {}): LogRecord => ({
  time: at,
  level: LogLevel.INFO,
  logger: 'org.eclipse.jetty.server.Server',
  message: 'Started @123ms',
  stacks: false,
  ...over,
});

describe('condenseLoggerName()', () => {
  it("abbreviates each package to its first letter as Jetty's StdErrLog does", () => {
    expect(condenseLoggerName('org.eclipse.jetty.server.Server')).to.equal('oejs.Server');
    expect(condenseLoggerName('org.eclipse.jetty.server.session')).to.equal('oejs.session');
    expect(condenseLoggerName('org.eclipse.jetty.server.handler.ContextHandler.ROOT')).to.equal('oejshC.ROOT');
    expect(condenseLoggerName('Server')).to.equal('Server');
    expect(condenseLoggerName('')).to.equal('');
  });
});

describe('formatTextRecord()', () => {
  it("writes Jetty 9.4's StdErrLog line: local time, level, abbreviated name, thread, message", () => {
    expect(formatTextRecord(record(), LogConfiguration.DEFAULT)).to.equal('2026-12-01 12:00:00.007:INFO:oejs.Server:main: Started @123ms');
  });

  it('tags DEBUG as DBUG, as StdErrLog does, and writes the root logger with an empty name', () => {
    expect(formatTextRecord(record({ level: LogLevel.DEBUG, logger: '' }), LogConfiguration.DEFAULT)).to.equal(
      '2026-12-01 12:00:00.007:DBUG::main: Started @123ms',
    );
    expect(formatTextRecord(record({ level: LogLevel.WARN }), LogConfiguration.DEFAULT)).to.match(/:WARN:oejs\.Server:main: /);
    expect(formatTextRecord(record({ level: LogLevel.ERROR }), LogConfiguration.DEFAULT)).to.match(/:ERROR:oejs\.Server:main: /);
  });

  it('writes full names with stderr.LONG=true', () => {
    const c = LogConfiguration.fromProperties({ 'org.eclipse.jetty.util.log.stderr.LONG': 'true' });
    expect(formatTextRecord(record(), c)).to.contain(':INFO:org.eclipse.jetty.server.Server:main: ');
  });

  it('keeps a record on one line: a CR or LF in a message cannot forge another line', () => {
    const line = formatTextRecord(
      record({ message: "Cannot serve '/a\r\n2026-12-01 12:00:00.000:INFO:oejs.Server:main: forged'" }),
      LogConfiguration.DEFAULT,
    );
    expect(line.split('\n')).to.have.length(1);
    expect(line).to.contain("'/a<|2026-12-01");
    expect(escapeLogText('a\tb\u0000c')).to.equal('a?b?c');
  });

  it('appends the stack of an attached error, with its causes, only when the logger prints stacks', () => {
    const err = new Error('outer', { cause: new TypeError('inner') });
    expect(formatTextRecord(record({ thrown: err }), LogConfiguration.DEFAULT).split('\n')).to.have.length(1);
    const lines = formatTextRecord(record({ thrown: err, stacks: true }), LogConfiguration.DEFAULT).split('\n');
    expect(lines[1]).to.equal('Error: outer');
    expect(lines[2]).to.match(/^ {4}at /);
    expect(lines.find((l) => l.startsWith('Caused by: '))).to.equal('Caused by: TypeError: inner');
  });
});

describe('formatLogTime()', () => {
  it('pads milliseconds and keeps the cached second correct across a second boundary', () => {
    expect(formatLogTime(at)).to.equal('2026-12-01 12:00:00.007');
    expect(formatLogTime(at + 83)).to.equal('2026-12-01 12:00:00.090');
    expect(formatLogTime(at + 993)).to.equal('2026-12-01 12:00:01.000');
    expect(formatLogTime(at + 59_993 + 3600_000)).to.equal('2026-12-01 13:01:00.000');
  });
});

describe('formatJsonRecord()', () => {
  it('writes one JSON object per record with the full logger name and an ISO time', () => {
    const parsed = JSON.parse(formatJsonRecord(record({ message: 'a "quoted"\nline' }))) as Record<string, unknown>;
    expect(parsed).to.deep.equal({
      time: new Date(at).toISOString(),
      level: 'INFO',
      logger: 'org.eclipse.jetty.server.Server',
      thread: 'main',
      message: 'a "quoted"\nline',
    });
    expect(formatJsonRecord(record())).not.to.contain('\n');
  });

  it('describes an attached error, with its stack when the logger prints stacks', () => {
    const err = new RangeError('too far');
    const plain = JSON.parse(formatJsonRecord(record({ level: LogLevel.WARN, thrown: err }))) as { level: string; error: Record<string, unknown> };
    expect(plain.level).to.equal('WARN');
    expect(plain.error).to.deep.equal({ type: 'RangeError', message: 'too far' });
    const full = JSON.parse(formatJsonRecord(record({ thrown: err, stacks: true }))) as { error: { stack: string } };
    expect(full.error.stack).to.match(/^RangeError: too far\n {4}at /);
  });
});
