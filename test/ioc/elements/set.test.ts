import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';
import { captureIocLog } from '../../support/log-capture';
import { Bean } from '../../fixtures/ioc/beans';
import { XmlConfigurationError } from '../../../src/ioc/errors';

const bean = (body: string, props: Record<string, string> = {}): Bean =>
  xmlConfig(body, { attrs: 'class="org.example.pier.Bean"', properties: props }).configure() as Bean;

describe('<Set>', () => {
  const log = captureIocLog();

  it('calls a String setter with the trimmed text', () => {
    expect(bean('<Set name="name">  web  </Set>').name).to.equal('web');
  });

  it('converts text for an int setter by constructing an Integer (Set step 5)', () => {
    expect(bean('<Set name="port">8080</Set>').port).to.equal(8080);
  });

  it('calls an int setter with type="int" through the boxed-to-primitive step', () => {
    expect(bean('<Set name="port" type="int">81</Set>').port).to.equal(81);
  });

  it('widens an Integer to a long and a double setter', () => {
    const b = bean('<Set name="timeout" type="int">5</Set><Set name="ratio" type="int">2</Set>');
    expect([b.timeout, b.ratio]).to.deep.equal([5, 2]);
  });

  it('converts "true" in any case to true and anything else to false for a boolean setter', () => {
    expect(bean('<Set name="enabled">TRUE</Set>').enabled).to.equal(true);
    expect(bean('<Set name="enabled">yes</Set>').enabled).to.equal(false);
  });

  it('passes a path string to a File setter', () => {
    expect(bean('<Set name="storeDir">/tmp/sessions</Set>').storeDir).to.equal('/tmp/sessions');
  });

  it('passes a java.io.File object to a File setter as its path', () => {
    expect(bean('<Set name="storeDir"><New class="java.io.File"><Arg>/a</Arg><Arg>b</Arg></New></Set>').storeDir).to.equal('/a/b');
  });

  it('builds a URL for a URL setter', () => {
    expect(bean('<Set name="url">http://example.com/x</Set>').url?.href).to.equal('http://example.com/x');
  });

  it('passes the first character to a char setter with type="char"', () => {
    expect(bean('<Set name="letter" type="char">xyz</Set>').letter).to.equal('x');
  });

  it('converts an Array to a List or Set for collection setters', () => {
    const b = bean(
      '<Set name="list"><Array type="String"><Item>a</Item><Item>b</Item></Array></Set>' +
        '<Set name="set"><Array type="String"><Item>a</Item><Item>a</Item></Array></Set>',
    );
    expect(b.list).to.deep.equal(['a', 'b']);
    expect([...(b.set as Set<unknown>)]).to.deep.equal(['a']);
  });

  it('converts with type="List" before calling the setter', () => {
    expect(bean('<Set name="list" type="List"><Array><Item>x</Item></Array></Set>').list).to.deep.equal(['x']);
  });

  it('passes a String[] array to a String[] setter', () => {
    expect(bean('<Set name="names"><Array type="String"><Item>a</Item></Array></Set>').names).to.deep.equal(['a']);
  });

  it('passes null to a reference setter for an empty element', () => {
    expect(bean('<Set name="boxed"></Set>').boxed).to.equal(null);
  });

  it('assigns a public field before trying setters (Jetty bypasses the setter for strings)', () => {
    expect(bean('<Set name="publicPort">90</Set>').publicPort).to.equal(90);
  });

  it('assigns a static field through class=', () => {
    try {
      xmlConfig('<Set class="org.example.pier.Bean" name="staticName">changed</Set>').configure();
      expect(Bean.staticName).to.equal('changed');
    } finally {
      Bean.staticName = 'initial';
    }
  });

  it('registers the value actually set under id= (Jetty 10)', () => {
    const cfg = xmlConfig('<Set name="port" id="p">8080</Set>', { attrs: 'class="org.example.pier.Bean"' });
    cfg.configure();
    expect(cfg.getIdMap().get('p')).to.equal(8080);
  });

  describe('property= (Jetty 10)', () => {
    it('uses the property value when the element is empty', () => {
      expect(bean('<Set name="port" property="p"/>', { p: '7' }).port).to.equal(7);
    });
    it('is a no-op when the property is unset', () => {
      expect(bean('<Set name="port" property="p"/>').port).to.equal(0);
    });
    it('uses the content when there is content and the property is set', () => {
      expect(bean('<Set name="port" property="p">9</Set>', { p: '7' }).port).to.equal(9);
    });
    it('still fails for a name with no setter or field when the property is unset', () => {
      const e = thrown(() => bean('<Set name="nothing" property="p"/>'));
      expect(e.message).to.contain("no method 'setNothing'");
    });
  });

  it('warns about a deprecated setter, naming the location', () => {
    bean('\n<Set name="legacyPort">3</Set>');
    expect(log.map((r) => [r.level, r.location?.line])).to.deep.equal([['warn', 5]]);
    expect(log[0].message).to.contain('Deprecated org.example.pier.Bean.setLegacyPort(int): use setPort');
  });

  it('reports a missing setter with file, line, column, element path and the setters that exist', () => {
    const e = thrown(() => bean('<Call name="getChild"/>\n<New class="org.example.pier.Bean">\n  <Set name="port">abc</Set>\n</New>'));
    expect(e).to.be.instanceOf(XmlConfigurationError);
    const x = e as XmlConfigurationError;
    expect(x.location).to.deep.equal({ file: 'test.xml', line: 6, column: 3 });
    expect(x.elementPath).to.equal('Configure > New[Bean] > Set[port]');
    expect(x.message).to.match(/^test\.xml:6:3: Cannot /);
    expect(x.message).to.contain("Cannot convert 'abc' to Integer");
  });

  it('lists the setters found when none accepts the value', () => {
    const e = thrown(() => bean('<Set name="port"><New class="org.example.pier.Bean"/></Set>')) as XmlConfigurationError;
    expect(e.detail).to.equal(
      "Cannot set 'port' on org.example.pier.Bean: no setter org.example.pier.Bean.setPort(org.example.pier.Bean) accepts the value. Found setters for int",
    );
    expect(e.message).to.contain('at Configure > Set[port]');
  });

  it('reports a name with neither setter nor field', () => {
    const e = thrown(() => bean('<Set name="colour">red</Set>')) as XmlConfigurationError;
    expect(e.detail).to.equal(
      "Cannot set 'colour' on org.example.pier.Bean: no setter setColour(...) and no public field 'colour' on org.example.pier.Bean",
    );
  });

  it('suggests the close setter names for a mistyped one (storeDirectory for storeDir)', () => {
    const e = thrown(() => bean('<Set name="storeDirectory">/tmp/s</Set>')) as XmlConfigurationError;
    expect(e.detail).to.equal(
      "Cannot set 'storeDirectory' on org.example.pier.Bean: no setter setStoreDirectory(...) and no public field 'storeDirectory' on org.example.pier.Bean; did you mean 'storeDir'?",
    );
    const typo = thrown(() => bean('<Set name="timout">5</Set>')) as XmlConfigurationError;
    expect(typo.detail).to.match(/; did you mean 'timeout'\?$/);
  });

  it('wraps an exception thrown by the setter with the location and the cause', () => {
    const e = thrown(() => bean('<Set name="failing">x</Set>')) as XmlConfigurationError;
    expect(e.detail).to.contain('org.example.pier.Bean.setFailing threw Error: boom from setFailing');
    expect((e.cause as Error).message).to.equal('boom from setFailing');
    expect(e.message).not.to.contain('caused by');
  });

  it('reports a PierError thrown by the setter with its own message, which already says what failed and how to fix it', () => {
    const e = thrown(() => bean('<Set name="refused">maybe</Set>')) as XmlConfigurationError;
    expect(e.detail).to.equal("Cannot use 'maybe' as a refusal: say 'no' (the value setRefused accepts)");
    expect(e.message).to.contain('at Configure > Set[refused]');
  });

  it('reports a Set with no object in scope', () => {
    const e = thrown(() => xmlConfig('<Set name="x">1</Set>').configure());
    expect(e.message).to.contain("Cannot set 'x': there is no object in scope (null)");
  });
});
