/**
 * Tests of the Java properties file reader.
 * @module
 */
import { expect } from 'chai';
import { parseJavaProperties } from '../../src/util/java-properties';

describe('parseJavaProperties', () => {
  it('reads the three separators, comments, continuations and escapes', () => {
    const props = parseJavaProperties([
      '# comment', '! also a comment', '', 'a=1', 'b : 2', 'c 3', '  d = spaced value  ',
      'long = one, \\', '       two', 'key\\ with\\ spaces=x', 'tab=\\tT', 'uni=\\u00e9', 'a=last',
    ].join('\n'));
    expect([...props.entries()]).to.deep.equal([
      ['a', 'last'], ['b', '2'], ['c', '3'], ['d', 'spaced value  '], ['long', 'one, two'],
      ['key with spaces', 'x'], ['tab', '\tT'], ['uni', 'é'],
    ]);
  });
});
