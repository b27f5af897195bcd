import { expect } from 'chai';
import { causeChainOf, describeErrorChain, describeErrorChainOneLine } from '../../src/util/errors';

describe('error chains', () => {
  const err = new Error('Cannot save session', { cause: new TypeError('EROFS: read-only') });

  it('describeErrorChain() indents one line per cause', () => {
    expect(describeErrorChain(err)).to.equal('Cannot save session\n  caused by: EROFS: read-only');
  });

  it('describeErrorChainOneLine() names each error on one line', () => {
    expect(describeErrorChainOneLine(err)).to.equal('Error: Cannot save session <- caused by TypeError: EROFS: read-only');
  });

  it('causeChainOf() stops at a cycle', () => {
    const loop = new Error('loop');
    (loop as Error & { cause?: unknown }).cause = loop;
    expect(causeChainOf(loop)).to.deep.equal([loop]);
  });
});
