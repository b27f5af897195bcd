import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';
import { Bean } from '../../fixtures/ioc/beans';
import { XmlConfigurationError } from '../../../src/ioc/errors';
import { XmlConfiguration } from '../../../src/ioc/xml-configuration';

const ids = (body: string, props: Record<string, string> = {}, doctype = true): Map<string, unknown> => {
  const cfg = xmlConfig(body, { properties: props, doctype });
  cfg.configure();
  return cfg.getIdMap();
};

describe('<Get>', () => {
  it('reads a getter, then an isX getter, then a public field, registering the id on every path, in a file without a DOCTYPE (Jetty 10 rules)', () => {
    const m = ids(
      '<New id="b" class="org.example.pier.Bean"><Arg>n</Arg><Get name="name" id="g"/><Get name="enabled" id="e"/><Get name="publicPort" id="f"/></New>',
      {},
      false,
    );
    expect([m.get('g'), m.get('e'), m.get('f')]).to.deep.equal(['n', false, 0]);
  });

  it('follows Jetty 10 in a file whose DOCTYPE names configure_10_0.dtd', () => {
    const cfg = XmlConfiguration.fromString(
      '<?xml version="1.0"?>\n<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://www.eclipse.org/jetty/configure_10_0.dtd">\n' +
        '<Configure><New class="org.example.pier.Bean"><Get name="enabled" id="e"/><Get name="publicPort" id="f"/></New></Configure>',
      'ten.xml',
    );
    cfg.configure();
    expect([cfg.getIdMap().get('e'), cfg.getIdMap().get('f')]).to.deep.equal([false, 0]);
  });

  it('does not try isX() in a file whose DOCTYPE names configure_9_3.dtd, as Jetty 9.4 does not, and says how to get it', () => {
    const e = thrown(() => ids('<New class="org.example.pier.Bean"><Get name="enabled"/></New>')) as XmlConfigurationError;
    expect(e.detail).to.equal(
      "Cannot get 'enabled' from org.example.pier.Bean: no method getEnabled() and no public field 'enabled'; the DOCTYPE names a Jetty 9 DTD, " +
        'and Jetty 9.4 does not try isEnabled() (Jetty 10 does: declare configure_10_0.dtd, or use <Call name="isEnabled"/>)',
    );
  });

  it('reads a public field but registers no id for it in a configure_9_3.dtd file, as Jetty 9.4 registers ids only for getters', () => {
    const m = ids('<New class="org.example.pier.Bean"><Arg>n</Arg><Get name="publicPort" id="f"/><Get name="name" id="g"/></New>');
    expect(m.has('f')).to.equal(false);
    expect(m.get('g')).to.equal('n');
  });

  it('reads a static field with class=', () => {
    expect(ids('<Get class="org.example.pier.Bean" name="staticName" id="s"/>', {}, false).get('s')).to.equal('initial');
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
    const e = thrown(() => ids('<New class="org.example.pier.Bean"><Get name="colour"/></New>', {}, false)) as XmlConfigurationError;
    expect(e.detail).to.equal("Cannot get 'colour' from org.example.pier.Bean: no method getColour() or isColour() and no public field 'colour'");
    expect(e.elementPath).to.equal('Configure > New[Bean] > Get[colour]');
  });
});
