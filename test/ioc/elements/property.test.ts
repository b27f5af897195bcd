import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';
import { captureIocLog } from '../../support/log-capture';
import { XmlConfigurationError } from '../../../src/ioc/errors';
import { SystemProperties } from '../../../src/ioc/system-properties';

describe('<Property>', () => {
  const log = captureIocLog();
  const put = (body: string, props: Record<string, string> = {}): unknown => {
    const cfg = xmlConfig(`<New id="m" class="java.util.HashMap"><Put name="v">${body}</Put></New>`, { properties: props });
    cfg.configure();
    return (cfg.getIdMap().get('m') as Map<string, unknown>).get('v');
  };

  it('reads a property by exact name', () => {
    expect(put('<Property name="a.b"/>', { 'a.b': 'x', 'A.B': 'y' })).to.equal('x');
  });

  it('falls back to the default attribute, then to null', () => {
    expect(put('<Property name="a" default="d"/>')).to.equal('d');
    expect(put('<Property name="a"/>')).to.equal(null);
    expect(put('<Property name="a" default=""/>')).to.equal('');
  });

  it('uses the first set deprecated name with a warning', () => {
    expect(put('<Property name="new" deprecated="old1,old2"/>', { old2: 'v2' })).to.equal('v2');
    expect(log.map((r) => r.message)).to.have.length(1);
    expect(log[0].message).to.contain("Property 'old2' is deprecated, use 'new' instead");
  });

  it('prefers the current name over deprecated ones, warning that its value is used', () => {
    expect(put('<Property><Name>new</Name><Deprecated>old</Deprecated></Property>', { new: 'n', old: 'o' })).to.equal('n');
    expect(log[0].message).to.contain("value from 'new' used");
  });

  it('composes nested defaults', () => {
    expect(put('<Property name="a"><Default><Property name="b" default="c"/></Default></Property>')).to.equal('c');
    expect(put('<Property name="a"><Default>x<SystemProperty name="file.separator"/>y</Default></Property>')).to.equal(
      `x${SystemProperties.get('file.separator')}y`,
    );
  });

  it('treats a comma in the name literally', () => {
    expect(put('<Property name="a,b"/>', { 'a,b': 'v', a: 'no' })).to.equal('v');
  });

  it('registers its value under id', () => {
    const cfg = xmlConfig('<Property name="p" id="x" default="7"/>');
    cfg.configure();
    expect(cfg.getIdMap().get('x')).to.equal('7');
  });

  it('requires a name', () => {
    expect(thrown(() => put('<Property default="x"/>')).message).to.contain("it must have attribute 'name' or element <Name>");
  });

  it('does not expand ${...}', () => {
    expect(put('${jetty.base}/x')).to.equal('${jetty.base}/x');
  });

  it('throws, with the location, where Jetty would concatenate an unset property as "null"', () => {
    const e = thrown(() => put('<Property name="unset"/>/x')) as XmlConfigurationError;
    expect(e.detail).to.contain('Cannot concatenate the value of <Property> into the text of <Put>: it is null');
    expect(e.elementPath).to.equal('Configure > New[HashMap] > Put[v] > Property[unset]');
  });
});
