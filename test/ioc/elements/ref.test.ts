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

describe('<Ref>', () => {
  it('continues configuring an object by refid', () => {
    const m = ids('<New id="b" class="org.example.pier.Bean"/><Ref refid="b"><Set name="port">4</Set></Ref>');
    expect((m.get('b') as Bean).port).to.equal(4);
  });

  it('accepts the deprecated id attribute', () => {
    const m = ids('<New id="b" class="org.example.pier.Bean"/><Ref id="b"><Set name="port">4</Set></Ref>');
    expect((m.get('b') as Bean).port).to.equal(4);
  });

  it('yields the referenced object as a value', () => {
    const m = ids(
      '<New id="b" class="org.example.pier.Bean"/><New id="c" class="org.example.pier.Bean"><Set name="child"><Ref refid="b"/></Set></New>',
    );
    expect((m.get('c') as Bean).child).to.equal(m.get('b'));
  });

  it('is null when empty and the id is missing', () => {
    const m = ids('<New id="c" class="org.example.pier.Bean"><Set name="child"><Ref refid="none"/></Set></New>');
    expect((m.get('c') as Bean).child).to.equal(null);
  });

  it('fails with the known ids when it has a body and the id is missing', () => {
    const e = thrown(() =>
      ids('<New id="b" class="org.example.pier.Bean"/>\n<Ref refid="Sever"><Set name="port">1</Set></Ref>'),
    ) as XmlConfigurationError;
    expect(e.detail).to.equal("Cannot find object for refid 'Sever': no such id (known ids: b)");
    expect(e.location).to.deep.equal({ file: 'test.xml', line: 5, column: 6 });
  });

  it('treats whitespace as a body only without a DOCTYPE (as Jetty does)', () => {
    expect(ids('<Ref refid="none"> </Ref>').size).to.equal(0);
    expect(thrown(() => ids('<Ref refid="none"> </Ref>', {}, false)).message).to.contain("refid 'none'");
  });
});
