import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';
import { Holder, SubBean } from '../../fixtures/ioc/beans';
import { javaArrayType } from '../../../src/ioc/java-value';

const ids = (body: string, props: Record<string, string> = {}, doctype = true): Map<string, unknown> => {
  const cfg = xmlConfig(body, { properties: props, doctype });
  cfg.configure();
  return cfg.getIdMap();
};

describe('<Array>', () => {
  it('builds a typed array from Items, registering item ids', () => {
    const m = ids('<Array id="a" type="String"><Item id="i0">x</Item><Item>y</Item></Array>');
    expect(m.get('a')).to.deep.equal(['x', 'y']);
    expect(javaArrayType(m.get('a'))).to.equal('String');
    expect(m.get('i0')).to.equal('x');
  });

  it('takes CSV items from the item attribute, an empty item being null', () => {
    expect(ids('<Array id="a" item="a, b ,&quot;c,d&quot;,,x y"/>').get('a')).to.deep.equal(['a', 'b', 'c,d', null, 'x y']);
  });

  it('does not convert items to the element type (as Jetty)', () => {
    const e = thrown(() => ids('<Array type="int"><Item>1</Item></Array>'));
    expect(e.message).to.contain('Cannot store the item in an array of int: argument type mismatch');
  });

  it('stores 0 for a null item in a numeric primitive array and refuses it in boolean[]', () => {
    expect(ids('<Array id="a" type="int"><Item type="int">1</Item><Item/></Array>').get('a')).to.deep.equal([1, 0]);
    expect(thrown(() => ids('<Array type="boolean"><Item/></Array>')).message).to.contain('boolean[]');
  });

  it('resolves an interface element type and checks items against it', () => {
    const h = new Holder();
    const cfg = xmlConfig(
      '<Set name="items"><Array type="org.example.pier.Named"><Item><New class="org.example.pier.SubBean"/></Item></Array></Set>',
      { attrs: 'id="h"', idMap: new Map([['h', h]]) },
    );
    cfg.configure();
    expect(h.items[0]).to.be.instanceOf(SubBean);
    expect(thrown(() => ids('<Array type="org.example.pier.Named"><Item><New class="org.example.pier.Bean"/></Item></Array>')).message).to.contain(
      'argument type mismatch',
    );
  });

  it('reports an unknown element type', () => {
    expect(thrown(() => ids('<Array type="org.example.pier.Nope"/>')).message).to.contain("Cannot find class 'org.example.pier.Nope'");
  });
});
