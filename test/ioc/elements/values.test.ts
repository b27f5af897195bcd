import { expect } from 'chai';
import { xmlConfig, thrown } from '../../support/xml-config';
import { captureIocLog } from '../../support/log-capture';
import { Bean, Holder, SubBean } from '../../fixtures/ioc/beans';
import { XmlConfigurationError } from '../../../src/ioc/errors';
import { SystemProperties } from '../../../src/ioc/system-properties';
import { javaArrayType } from '../../../src/ioc/java-value';

const ids = (body: string, props: Record<string, string> = {}, doctype = true): Map<string, unknown> => {
  const cfg = xmlConfig(body, { properties: props, doctype });
  cfg.configure();
  return cfg.getIdMap();
};

describe('<Get>', () => {
  it('reads a getter, then an isX getter, then a public field', () => {
    const m = ids('<New id="b" class="org.example.pier.Bean"><Arg>n</Arg><Get name="name" id="g"/><Get name="enabled" id="e"/><Get name="publicPort" id="f"/></New>');
    expect([m.get('g'), m.get('e'), m.get('f')]).to.deep.equal(['n', false, 0]);
  });

  it('reads a static field with class=', () => {
    expect(ids('<Get class="org.example.pier.Bean" name="staticName" id="s"/>').get('s')).to.equal('initial');
  });

  it('yields the class itself for name="class"', () => {
    expect(ids('<Get class="org.example.pier.Bean" name="class" id="c"/>').get('c')).to.equal(Bean);
  });

  it('runs nested statements against the value read', () => {
    const m = ids('<New id="b" class="org.example.pier.Bean"><Set name="child"><New class="org.example.pier.Bean"/></Set><Get name="child"><Set name="name">kid</Set></Get></New>');
    expect((m.get('b') as Bean).child?.name).to.equal('kid');
  });

  it('reports a missing getter with the names it tried', () => {
    const e = thrown(() => ids('<New class="org.example.pier.Bean"><Get name="colour"/></New>')) as XmlConfigurationError;
    expect(e.detail).to.equal("Cannot get 'colour' from org.example.pier.Bean: no method getColour() or isColour() and no public field 'colour'");
    expect(e.elementPath).to.equal('Configure > New[Bean] > Get[colour]');
  });
});

describe('<Put>', () => {
  it('puts into a Map with an untrimmed-name key and a converted value', () => {
    const m = ids('<New id="m" class="java.util.HashMap"><Put name=" k ">v</Put><Put name="n" type="int">3</Put></New>');
    expect([...(m.get('m') as Map<string, unknown>)]).to.deep.equal([[' k ', 'v'], ['n', 3]]);
  });

  it('refuses to put into an object that is not a Map', () => {
    expect(thrown(() => ids('<New class="org.example.pier.Bean"><Put name="a">b</Put></New>')).message)
      .to.contain("Cannot put 'a': the object in scope is not a Map (it is org.example.pier.Bean)");
  });

  it('puts into java.util.Properties', () => {
    const m = ids('<New id="p" class="java.util.Properties"><Put name="a">b</Put><Call name="setProperty"><Arg>c</Arg><Arg>d</Arg></Call></New>');
    expect([...(m.get('p') as Map<string, string>)]).to.deep.equal([['a', 'b'], ['c', 'd']]);
  });
});

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
    const m = ids('<New id="b" class="org.example.pier.Bean"/><New id="c" class="org.example.pier.Bean"><Set name="child"><Ref refid="b"/></Set></New>');
    expect((m.get('c') as Bean).child).to.equal(m.get('b'));
  });

  it('is null when empty and the id is missing', () => {
    const m = ids('<New id="c" class="org.example.pier.Bean"><Set name="child"><Ref refid="none"/></Set></New>');
    expect((m.get('c') as Bean).child).to.equal(null);
  });

  it('fails with the known ids when it has a body and the id is missing', () => {
    const e = thrown(() => ids('<New id="b" class="org.example.pier.Bean"/>\n<Ref refid="Sever"><Set name="port">1</Set></Ref>')) as XmlConfigurationError;
    expect(e.detail).to.equal("Cannot find object for refid 'Sever': no such id (known ids: b)");
    expect(e.location).to.deep.equal({ file: 'test.xml', line: 5, column: 6 });
  });

  it('treats whitespace as a body only without a DOCTYPE (as Jetty does)', () => {
    expect(ids('<Ref refid="none"> </Ref>').size).to.equal(0);
    expect(thrown(() => ids('<Ref refid="none"> </Ref>', {}, false)).message).to.contain("refid 'none'");
  });
});

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
    const cfg = xmlConfig('<Set name="items"><Array type="org.example.pier.Named"><Item><New class="org.example.pier.SubBean"/></Item></Array></Set>', { attrs: 'id="h"', idMap: new Map([['h', h]]) });
    cfg.configure();
    expect(h.items[0]).to.be.instanceOf(SubBean);
    expect(thrown(() => ids('<Array type="org.example.pier.Named"><Item><New class="org.example.pier.Bean"/></Item></Array>')).message).to.contain('argument type mismatch');
  });

  it('reports an unknown element type', () => {
    expect(thrown(() => ids('<Array type="org.example.pier.Nope"/>')).message).to.contain("Cannot find class 'org.example.pier.Nope'");
  });
});

describe('<Map>', () => {
  it('builds a Map from Entries, registering its id before the entries and item ids', () => {
    const m = ids('<Map id="m"><Entry><Item id="k">a</Item><Item type="int">1</Item></Entry><Entry><Item>b</Item><Item><Ref refid="m"/></Item></Entry></Map>');
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
    expect(put('<Property name="a"><Default>x<SystemProperty name="file.separator"/>y</Default></Property>')).to.equal(`x${SystemProperties.get('file.separator')}y`);
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

describe('<SystemProperty> and <Env>', () => {
  afterEach(() => { SystemProperties.clear('pier.test'); delete process.env.PIER_TEST_ENV; delete process.env.PIER_TEST_OLD; });

  it('reads SystemProperties, with default', () => {
    SystemProperties.set('pier.test', 'v');
    const m = ids('<SystemProperty name="pier.test" id="a"/><SystemProperty name="pier.unset" default="d" id="b"/>');
    expect([m.get('a'), m.get('b')]).to.deep.equal(['v', 'd']);
  });

  it('reads environment variables, consulting deprecated names only when unset', () => {
    process.env.PIER_TEST_OLD = 'old';
    expect(ids('<Env name="PIER_TEST_ENV" deprecated="PIER_TEST_OLD" id="e"/>').get('e')).to.equal('old');
    process.env.PIER_TEST_ENV = 'new';
    expect(ids('<Env name="PIER_TEST_ENV" deprecated="PIER_TEST_OLD" id="e"/>').get('e')).to.equal('new');
  });

  it('reaches System.getProperty and System.setProperty through the java.lang.System shim', () => {
    const m = ids('<Call class="java.lang.System" name="setProperty"><Arg>pier.test</Arg><Arg>set</Arg></Call>'
      + '<Call class="java.lang.System" name="getProperty" id="g"><Arg>pier.test</Arg></Call>'
      + '<Call class="java.lang.System" name="getProperty" id="d"><Arg>pier.unset</Arg><Arg>dflt</Arg></Call>');
    expect([m.get('g'), m.get('d'), SystemProperties.get('pier.test')]).to.deep.equal(['set', 'dflt', 'set']);
  });
});

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
