/**
 * Tests of reading ini files into start arguments.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { listIniFiles, parseIniText } from '../../src/start/start-ini';
import { UsageError } from '../../src/util/errors';
import { makeBase, removeBase } from './support';

describe('parseIniText', () => {
  it('trims lines, skips comments and blanks, drops duplicates and replaces ${start.basedir}', () => {
    const args = parseIniText('# c\n  a=1  \n\na=1\nb=${start.basedir}/x\n', '/base/start.d/x.ini', 'x.ini');
    expect(args.map((a) => [a.text, a.line])).to.deep.equal([
      ['a=1', 2],
      ['b=/base/start.d/x', 5],
    ]);
  });

  it('refuses command-line-only options', () => {
    expect(() => parseIniText('--add-to-start=http\n', '/b/start.ini', 'start.ini')).to.throw(UsageError, /only allowed on the command line/);
  });

  it('lists start.ini first, then start.d/*.ini by name, ignoring other files and subfolders', () => {
    const base = makeBase({ 'start.ini': '', 'start.d/b.ini': '', 'start.d/a.ini': '', 'start.d/notes.txt': '', 'start.d/sub/c.ini': '' });
    try {
      expect(listIniFiles(base).map((f) => path.relative(base, f))).to.deep.equal(['start.ini', 'start.d/a.ini', 'start.d/b.ini']);
    } finally {
      removeBase(base);
    }
  });
});
