import { expect } from 'chai';
import { XmlConfigurationError, UnknownClassError } from '../../src/ioc/errors';
import { PierError } from '../../src/util/errors';

describe('XmlConfigurationError', () => {
  it('reads file:line:column, the detail, the element path and then the cause chain', () => {
    const root = new Error('disk full');
    const mid = new Error('cannot write session', { cause: root });
    const e = new XmlConfigurationError(
      'Cannot apply <Set>: store threw',
      { file: 'etc/s.xml', line: 7, column: 5 },
      'Configure > Call[getSessionHandler] > Set[sessionCache]',
      { cause: mid },
    );
    expect(e).to.be.instanceOf(PierError);
    expect(e.name).to.equal('XmlConfigurationError');
    expect(e.message).to.equal(
      [
        'etc/s.xml:7:5: Cannot apply <Set>: store threw',
        '  at Configure > Call[getSessionHandler] > Set[sessionCache]',
        '  caused by: Error: cannot write session',
        '  caused by: Error: disk full',
      ].join('\n'),
    );
    expect(e.cause).to.equal(mid);
  });

  it('does not repeat a cause whose message the detail already quotes', () => {
    const e = new XmlConfigurationError('Cannot set x: bad', { file: 'f', line: 1, column: 1 }, 'Configure', { cause: new TypeError('bad') });
    expect(e.message).to.equal('f:1:1: Cannot set x: bad\n  at Configure');
  });
});

describe('UnknownClassError', () => {
  it('names the class and lists suggestions', () => {
    const e = new UnknownClassError('a.B', ['a.C', 'a.D']);
    expect(e.message).to.equal("Cannot find class 'a.B': it is not registered; did you mean 'a.C', 'a.D'?");
  });
});
