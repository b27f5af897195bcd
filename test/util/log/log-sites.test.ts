/**
 * Reads every source file: the container logs only through src/util/log, and what it logs about a
 * failure is at WARN or ERROR.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/corpus';

const SRC = path.join(repoRoot(), 'src');

/** Files that may write to stderr themselves, and why. */
const OWN_OUTPUT: Record<string, string> = {
  'util/log/log.ts': 'the appender that writes every log record',
  'server/requestlog/request-log-writer.ts': "request log lines when no file is configured, as Jetty's RequestLogWriter",
  'start/main.ts': "the launcher's own output (ERROR : / INFO  : lines, as start.jar's)",
};

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('log sites in src/', () => {
  const files = sources(SRC).map((f) => ({ rel: path.relative(SRC, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));

  it('write nothing through console, process.emitWarning or a sink of their own', () => {
    const found = files
      .flatMap(({ rel, text }) =>
        text
          .split('\n')
          .map((line, i) => ({ rel, line: i + 1, text: line }))
          .filter((l) => /\bconsole\.(log|info|warn|error|debug)\(|process\.emitWarning\(|LogSink\b/.test(l.text) && !/^\s*(\*|\/\/)/.test(l.text)),
      )
      .map((l) => `${l.rel}:${l.line}: ${l.text.trim()}`);
    expect(found).to.deep.equal([]);
  });

  it('write to stderr only in the appender and the launcher', () => {
    const writers = files.filter(({ text }) => /process\.stderr\.write\(/.test(text)).map(({ rel }) => rel);
    expect(writers.filter((rel) => !(rel in OWN_OUTPUT))).to.deep.equal([]);
  });

  it('log a failure (Cannot …, … failed) at WARN or ERROR, never at INFO or DEBUG', () => {
    const wrong: string[] = [];
    for (const { rel, text } of files) {
      const re = /\b\w*LOG\.(info|debug)\(\s*[`'"]([^`'"]*)/g;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (/^(Cannot|Unable)|\bfailed\b|^Failed/.test(m[2])) wrong.push(`${rel}: ${m[1]} ${m[2]}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });
});
