import { expect } from 'chai';
import '../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../support/xml-config';
import { Bean } from '../fixtures/ioc/beans';
import { XmlConfigurationError } from '../../src/ioc/errors';

describe('the value algorithm', () => {
  const put = (attrs: string, body: string): unknown => {
    const cfg = xmlConfig(`<New id="m" class="java.util.HashMap"><Put name="v" ${attrs}>${body}</Put></New>`);
    cfg.configure();
    return (cfg.getIdMap().get('m') as Map<string, unknown>).get('v');
  };

  it('keeps whitespace for type="String" only', () => {
    expect(put('type="String"', '  a  ')).to.equal('  a  ');
    expect(put('type="string"', '  a  ')).to.equal('a');
    expect(put('', '  a  ')).to.equal('a');
  });

  it('yields "" for an empty element with type="String" and null otherwise', () => {
    expect(put('type="String"', '')).to.equal('');
    expect(put('', '')).to.equal(null);
  });

  it('converts with type= for every primitive and boxed name', () => {
    expect(put('type="long"', '12')).to.equal(12);
    expect(put('type="Double"', '1e3')).to.equal(1000);
    expect(put('type="java.lang.Integer"', '-4')).to.equal(-4);
    expect(put('type="char"', 'xyz')).to.equal('x');
    expect(put('type="boolean"', 'True')).to.equal(true);
  });

  it('converts URL and InetAddress (literal addresses only, no DNS)', () => {
    expect((put('type="URL"', 'http://h/p') as URL).href).to.equal('http://h/p');
    expect(String(put('type="InetAddress"', '127.0.0.1'))).to.equal('/127.0.0.1');
    expect(thrown(() => put('type="InetAddress"', 'example.invalid')).message).to.contain('only literal addresses are supported (no DNS lookups)');
  });

  it('throws, with the location of type=, where Jetty would silently yield null for a bad number', () => {
    const e = thrown(() => put('type="int"', '12x')) as XmlConfigurationError;
    expect(e.detail).to.equal("Cannot convert the value of <Put> to type 'int': Cannot convert '12x' to Integer: not a valid Integer literal");
    expect(e.location.column).to.equal(53);
  });

  it('refuses an unknown type', () => {
    expect(thrown(() => put('type="InetAddrPort"', 'x')).message).to.contain("Cannot convert to type 'InetAddrPort': unknown type");
  });

  it('refuses type="Queue" and a List conversion of a non-array', () => {
    expect(thrown(() => put('type="Queue"', '<Array/>')).message).to.contain('Queue');
    expect(thrown(() => put('type="List"', 'x')).message).to.contain('must be an <Array>');
  });

  it('reads the legacy ref attribute', () => {
    const cfg = xmlConfig('<New id="b" class="org.example.pier.Bean"/><New id="c" class="org.example.pier.Bean"><Set name="child" ref="b"/></New>');
    cfg.configure();
    expect((cfg.getIdMap().get('c') as Bean).child).to.equal(cfg.getIdMap().get('b'));
  });

  it('refuses an unknown element inside a value, naming the value elements', () => {
    const e = thrown(() => put('', 'a<Foo/>b')) as XmlConfigurationError;
    expect(e.detail).to.match(/^Cannot evaluate <Foo>: not a value element/);
  });
});
