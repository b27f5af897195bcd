import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';

const ids = (body: string, props: Record<string, string> = {}, doctype = true): Map<string, unknown> => {
  const cfg = xmlConfig(body, { properties: props, doctype });
  cfg.configure();
  return cfg.getIdMap();
};

describe('<Map>', () => {
  it('builds a Map from Entries, registering its id before the entries and item ids', () => {
    const m = ids(
      '<Map id="m"><Entry><Item id="k">a</Item><Item type="int">1</Item></Entry><Entry><Item>b</Item><Item><Ref refid="m"/></Item></Entry></Map>',
    );
    const map = m.get('m') as Map<string, unknown>;
    expect(map.get('a')).to.equal(1);
    expect(map.get('b')).to.equal(map);
    expect(m.get('k')).to.equal('a');
  });

  it('refuses an Entry with fewer than two Items', () => {
    expect(thrown(() => ids('<Map><Entry><Item>a</Item></Entry></Map>')).message).to.contain('missing Item in Entry');
  });

  it('refuses other elements inside an Entry', () => {
    expect(thrown(() => ids('<Map><Entry><Item>a</Item><Set name="x"/></Entry></Map>')).message).to.contain('not an Item');
  });

  it('creates the Map class given with class= (Jetty 10)', () => {
    expect(ids('<Map id="m" class="java.util.Properties"><Entry><Item>a</Item><Item>b</Item></Entry></Map>').get('m')).to.be.instanceOf(Map);
  });
});
