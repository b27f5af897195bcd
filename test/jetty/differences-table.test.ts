import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ALL_CASES } from './cases';
import { DIFFERENCES_DOC } from './differential-check';
import { Difference, DifferenceRow, casePatternMatches, differencesBetween, readDifferencesTable, rowCovers } from './differences-table';

function row(casePattern: string, aspect: string, jetty: string, pier: string): DifferenceRow {
  return { line: 1, casePattern, aspect, jetty, pier, why: 'because' };
}

function diff(caseId: string, aspect: string, jetty: string, pier: string): Difference {
  return { caseId, aspect, jetty, pier };
}

describe('The table of differences from Jetty (docs/differences-from-jetty.md)', () => {
  it('reads: every row has a case, an aspect, two values and a reason', () => {
    const rows = readDifferencesTable(DIFFERENCES_DOC);
    expect(rows.length).to.be.greaterThan(0);
    for (const r of rows) expect(r.why, `line ${r.line}`).to.not.equal('');
  });

  it('names only cases the suite has (a typo would cover nothing)', () => {
    const ids = ALL_CASES.map((c) => c.id);
    const orphans = readDifferencesTable(DIFFERENCES_DOC).filter((r) => !ids.some((id) => casePatternMatches(r.casePattern, id)));
    expect(orphans.map((r) => `line ${r.line}: ${r.casePattern}`)).to.deep.equal([]);
  });

  it('gives every case a unique id of the form group.name', () => {
    const ids = ALL_CASES.map((c) => c.id);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids) expect(id).to.match(/^[a-z0-9]+\.[a-z0-9-]+$/);
  });

  it('reads backticked cells and escaped bars, and refuses a row with a missing cell', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-table-'));
    try {
      const file = path.join(dir, 't.md');
      fs.writeFileSync(
        file,
        'intro\n\n| case | aspect | Jetty | Pier | why |\n|---|---|---|---|---|\n| `a.b` | `header X` | `x \\| y` | `(none)` | a reason |\n\nafter\n',
      );
      expect(readDifferencesTable(file)).to.deep.equal([
        { line: 5, casePattern: 'a.b', aspect: 'header X', jetty: 'x | y', pier: '(none)', why: 'a reason' },
      ]);
      fs.writeFileSync(file, '| case | aspect | Jetty | Pier | why |\n|---|---|---|---|---|\n| `a.b` | `status` | `200` |\n');
      expect(() => readDifferencesTable(file)).to.throw(/t\.md:3: a row needs 5 cells/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('covers a difference only with the same case, aspect and both values', () => {
    const d = diff('static.file', 'status', '200', '404');
    expect(rowCovers(row('static.file', 'status', '200', '404'), d, [d])).to.equal(true);
    expect(rowCovers(row('static.*', 'status', '200', '404'), d, [d])).to.equal(true);
    expect(rowCovers(row('*', 'status', '200', '404'), d, [d])).to.equal(true);
    expect(rowCovers(row('static.file', 'status', '200', '403'), d, [d])).to.equal(false);
    expect(rowCovers(row('static.other', 'status', '200', '404'), d, [d])).to.equal(false);
    expect(rowCovers(row('static.file', 'reason', '200', '404'), d, [d])).to.equal(false);
  });

  it('lets an aspect without a step number cover it in every step, and a numbered one only its step', () => {
    const d = diff('sessions.x', '2: header Expires', 'a', '(none)');
    expect(rowCovers(row('sessions.x', 'header Expires', 'a', '(none)'), d, [d])).to.equal(true);
    expect(rowCovers(row('sessions.x', '2: header Expires', 'a', '(none)'), d, [d])).to.equal(true);
    expect(rowCovers(row('sessions.x', '1: header Expires', 'a', '(none)'), d, [d])).to.equal(false);
  });

  it('lets "* by <aspect>" cover a whole answer while that aspect differs exactly so', () => {
    const all = [diff('c.d', 'status', '200', '403'), diff('c.d', 'body', 'HTML page', 'HTML error page')];
    expect(all.every((d) => rowCovers(row('c.d', '* by status', '200', '403'), d, all))).to.equal(true);
    expect(all.some((d) => rowCovers(row('c.d', '* by status', '200', '404'), d, all))).to.equal(false);
    const sameStatus = [diff('c.d', 'body', 'HTML page', 'HTML error page')];
    expect(rowCovers(row('c.d', '* by status', '200', '403'), sameStatus[0], sameStatus)).to.equal(false);
  });

  it('finds the aspects whose values differ, a missing one reading (none)', () => {
    const jetty = new Map([
      ['status', '200'],
      ['header Expires', 'x'],
      ['body', 'empty'],
    ]);
    const pier = new Map([
      ['status', '200'],
      ['body', 'text "a"'],
    ]);
    expect(differencesBetween('c.d', jetty, pier)).to.deep.equal([
      diff('c.d', 'header Expires', 'x', '(none)'),
      diff('c.d', 'body', 'empty', 'text "a"'),
    ]);
  });
});
