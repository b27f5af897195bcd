/**
 * Tests of the Java properties file reader.
 * @module
 */
import { expect } from 'chai';
import { parseJavaProperties, parseJavaPropertyEntries } from '../../src/util/java-properties';

describe('parseJavaProperties', () => {
  it('reads the three separators, comments, continuations and escapes', () => {
    const props = parseJavaProperties(
      [
        '# comment',
        '! also a comment',
        '',
        'a=1',
        'b : 2',
        'c 3',
        '  d = spaced value  ',
        'long = one, \\',
        '       two',
        'key\\ with\\ spaces=x',
        'tab=\\tT',
        'uni=\\u00e9',
        'a=last',
      ].join('\n'),
    );
    expect([...props.entries()]).to.deep.equal([
      ['a', 'last'],
      ['b', '2'],
      ['c', '3'],
      ['d', 'spaced value  '],
      ['long', 'one, two'],
      ['key with spaces', 'x'],
      ['tab', '\tT'],
      ['uni', 'é'],
    ]);
  });

  it('parseJavaPropertyEntries() gives each entry in file order with the line it starts on', () => {
    const entries = parseJavaPropertyEntries(['# levels', 'a=1', '', 'long = one, \\', '  two', 'a=2'].join('\r\n'));
    expect(entries).to.deep.equal([
      { key: 'a', value: '1', line: 2 },
      { key: 'long', value: 'one, two', line: 4 },
      { key: 'a', value: '2', line: 6 },
    ]);
  });
});
