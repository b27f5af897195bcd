import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';
import { Bean } from '../../fixtures/ioc/beans';
import '../../fixtures/ioc/test-configuration';
import { XmlConfigurationError } from '../../../src/ioc/errors';

const run = (body: string, attrs = 'class="org.example.pier.Bean"') => {
  const cfg = xmlConfig(body, { attrs });
  const obj = cfg.configure();
  return { obj: obj as Bean, ids: cfg.getIdMap() };
};

describe('<Call>', () => {
  it('calls a no-argument method and registers its result under id', () => {
    const { ids } = run('<Call name="getName" id="n"/>', 'class="org.example.pier.Bean"><Arg>x</Arg');
    expect(ids.get('n')).to.equal('x');
  });

  it('passes an untyped Arg as a String', () => {
    const { obj } = run('<Call name="call"><Arg>42</Arg></Call>');
    expect(obj.calls).to.deep.equal(["('42')"]);
  });

  it('does not convert an untyped Arg for an int-only method (as Jetty)', () => {
    const e = thrown(() => run('<Call name="setPort"><Arg>8080</Arg></Call>'));
    expect((e as XmlConfigurationError).detail).to.equal(
      "Cannot call org.example.pier.Bean.setPort(String '8080'): no overload accepts these arguments. Found (int)",
    );
  });

  it('calls an int method with type="int" and widens int to long', () => {
    const { obj } = run('<Call name="setPort"><Arg type="int">80</Arg></Call><Call name="setTimeout"><Arg type="int">9</Arg></Call>');
    expect([obj.port, obj.timeout]).to.deep.equal([80, 9]);
  });

  it('does not narrow a long to an int parameter', () => {
    expect(thrown(() => run('<Call name="setPort"><Arg type="long">80</Arg></Call>')).message).to.contain('no overload accepts');
  });

  it('takes CSV arguments from the arg attribute', () => {
    const { ids } = run('<Call name="join3" arg="a, b ,&quot;c,d&quot;" id="j"/>');
    expect(ids.get('j')).to.equal('abc,d');
  });

  it('places named arguments at their parameter positions', () => {
    const { ids } = run('<Call name="join3" id="j"><Arg name="c">3</Arg><Arg>2</Arg><Arg name="a">1</Arg></Call>');
    expect(ids.get('j')).to.equal('123');
  });

  it('fails when a named argument does not exist', () => {
    expect(thrown(() => run('<Call name="join3"><Arg name="z">1</Arg><Arg>2</Arg><Arg>3</Arg></Call>')).message).to.contain('no overload accepts');
  });

  it('calls a static method with class=, evaluating Args without an object in scope', () => {
    const { ids } = run('<Call class="org.example.pier.Bean" name="greet" id="g"><Arg>you</Arg></Call>');
    expect(ids.get('g')).to.equal('hello you');
  });

  it('refuses an instance call to a static method (use class=)', () => {
    expect(thrown(() => run('<Call name="create"/>')).message).to.contain('no such method or constructor is exposed');
  });

  it('runs nested statements against the returned object', () => {
    const { ids } = run('<Call class="org.example.pier.Bean" name="create"><Set name="port">5</Set><Get name="port" id="p"/></Call>');
    expect(ids.get('p')).to.equal(5);
  });

  it('accepts Id, Name, Class and Arg as leading child elements', () => {
    const { ids } = run('<Call><Id>g</Id><Name>greet</Name><Class>org.example.pier.Bean</Class><Arg>x</Arg></Call>');
    expect(ids.get('g')).to.equal('hello x');
  });

  it('refuses an attribute and an element for the same field', () => {
    const e = thrown(() => run('<Call name="x"><Name>y</Name></Call>'));
    expect(e.message).to.contain("Cannot use attribute 'name' and element <Name> together on <Call>");
  });

  it('refuses an Arg after a statement', () => {
    const e = thrown(() =>
      run('<Call class="org.example.pier.Bean" name="create"><Set name="port">1</Set><Arg>1</Arg></Call>'),
    ) as XmlConfigurationError;
    expect(e.elementPath).to.equal('Configure > Call[create] > Arg');
    expect(e.detail).to.contain('only allowed as a leading field');
  });

  it('passes an empty array to a varargs method when the last argument is omitted', () => {
    const { obj } = run('<Call name="call"><Arg>a</Arg><Arg><Array type="String"><Item>b</Item></Array></Arg></Call>');
    expect(obj.calls).to.deep.equal(["('a',[b])"]);
  });

  it('registers null for a void method', () => {
    const { ids } = run('<Call name="voidMethod" id="v"/>');
    expect(ids.has('v') && ids.get('v')).to.equal(null);
  });

  it('calls toString on any object', () => {
    const { ids } = run('<Get name="name" id="n"><Call name="toString" id="s"/></Get>');
    expect(ids.get('s')).to.equal('');
  });

  it('rejects a blank method name', () => {
    expect(thrown(() => run('<Call name=" "/>')).message).to.contain('the method name is blank');
  });
});
