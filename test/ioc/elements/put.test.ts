import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';

const ids = (body: string, props: Record<string, string> = {}, doctype = true): Map<string, unknown> => {
  const cfg = xmlConfig(body, { properties: props, doctype });
  cfg.configure();
  return cfg.getIdMap();
};

describe('<Put>', () => {
  it('puts into a Map with an untrimmed-name key and a converted value', () => {
    const m = ids('<New id="m" class="java.util.HashMap"><Put name=" k ">v</Put><Put name="n" type="int">3</Put></New>');
    expect([...(m.get('m') as Map<string, unknown>)]).to.deep.equal([
      [' k ', 'v'],
      ['n', 3],
    ]);
  });

  it('refuses to put into an object that is not a Map', () => {
    expect(thrown(() => ids('<New class="org.example.pier.Bean"><Put name="a">b</Put></New>')).message).to.contain(
      "Cannot put 'a': the object in scope is not a Map (it is org.example.pier.Bean)",
    );
  });

  it('puts into java.util.Properties', () => {
    const m = ids('<New id="p" class="java.util.Properties"><Put name="a">b</Put><Call name="setProperty"><Arg>c</Arg><Arg>d</Arg></Call></New>');
    expect([...(m.get('p') as Map<string, string>)]).to.deep.equal([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });
});
