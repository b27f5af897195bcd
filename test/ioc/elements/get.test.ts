import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';
import { Bean } from '../../fixtures/ioc/beans';
import { XmlConfigurationError } from '../../../src/ioc/errors';

const ids = (body: string, props: Record<string, string> = {}, doctype = true): Map<string, unknown> => {
  const cfg = xmlConfig(body, { properties: props, doctype });
  cfg.configure();
  return cfg.getIdMap();
};

describe('<Get>', () => {
  it('reads a getter, then an isX getter, then a public field', () => {
    const m = ids(
      '<New id="b" class="org.example.pier.Bean"><Arg>n</Arg><Get name="name" id="g"/><Get name="enabled" id="e"/><Get name="publicPort" id="f"/></New>',
    );
    expect([m.get('g'), m.get('e'), m.get('f')]).to.deep.equal(['n', false, 0]);
  });

  it('reads a static field with class=', () => {
    expect(ids('<Get class="org.example.pier.Bean" name="staticName" id="s"/>').get('s')).to.equal('initial');
  });

  it('yields the class itself for name="class"', () => {
    expect(ids('<Get class="org.example.pier.Bean" name="class" id="c"/>').get('c')).to.equal(Bean);
  });

  it('runs nested statements against the value read', () => {
    const m = ids(
      '<New id="b" class="org.example.pier.Bean"><Set name="child"><New class="org.example.pier.Bean"/></Set><Get name="child"><Set name="name">kid</Set></Get></New>',
    );
    expect((m.get('b') as Bean).child?.name).to.equal('kid');
  });

  it('reports a missing getter with the names it tried', () => {
    const e = thrown(() => ids('<New class="org.example.pier.Bean"><Get name="colour"/></New>')) as XmlConfigurationError;
    expect(e.detail).to.equal("Cannot get 'colour' from org.example.pier.Bean: no method getColour() or isColour() and no public field 'colour'");
    expect(e.elementPath).to.equal('Configure > New[Bean] > Get[colour]');
  });
});
