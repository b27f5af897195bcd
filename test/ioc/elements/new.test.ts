import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { xmlConfig, thrown } from '../../support/xml-config';
import { Bean } from '../../fixtures/ioc/beans';
import { AnnotatedTestConfiguration } from '../../fixtures/ioc/test-configuration';
import '../../fixtures/ioc/test-configuration';
import { XmlConfigurationError } from '../../../src/ioc/errors';
import { iocRecordOf, withLogCapture } from '../../support/log-capture';

const run = (body: string, attrs = 'class="org.example.pier.Bean"') => {
  const cfg = xmlConfig(body, { attrs });
  const obj = cfg.configure();
  return { obj: obj as Bean, ids: cfg.getIdMap() };
};

describe('<New>', () => {
  it('chooses the constructor by argument count and type', () => {
    const { ids } = run('<New id="b" class="org.example.pier.Bean"><Arg>n</Arg><Arg type="int">3</Arg></New>');
    expect(ids.get('b')).to.include({ name: 'n', port: 3 });
  });

  it('registers the id before nested statements run, so they can Ref the new object', () => {
    const { ids } = run('<New id="b" class="org.example.pier.Bean"><Set name="child"><Ref refid="b"/></Set></New>');
    const b = ids.get('b') as Bean;
    expect(b.child).to.equal(b);
  });

  it('applies named constructor arguments in any order (AnnotatedTestConfiguration)', () => {
    const { ids } = run(
      '<New id="a" class="org.eclipse.jetty.xml.AnnotatedTestConfiguration">' +
        '<Arg name="third">arg3</Arg><Arg>arg2</Arg><Arg name="first">arg1</Arg></New>',
    );
    const a = ids.get('a') as AnnotatedTestConfiguration;
    expect([a.first, a.second, a.third]).to.deep.equal(['arg1', 'arg2', 'arg3']);
  });

  it('finds no constructor for too many named arguments', () => {
    const e = thrown(() =>
      run(
        '<New class="org.eclipse.jetty.xml.AnnotatedTestConfiguration">' +
          '<Arg name="first">1</Arg><Arg name="second">2</Arg><Arg name="third">3</Arg><Arg name="nested">4</Arg><Arg name="extra">5</Arg></New>',
      ),
    );
    expect(e.message).to.contain('Cannot construct org.eclipse.jetty.xml.AnnotatedTestConfiguration');
    expect(e.message).to.contain(
      'Found (String first, String second, String third), (String first, String second, String third, org.eclipse.jetty.xml.AnnotatedTestConfiguration nested)',
    );
  });

  it('evaluates Args in the enclosing scope', () => {
    const { ids } = run(
      '<New id="b" class="org.example.pier.Bean"><Arg><Get name="name"/></Arg></New>',
      'class="org.example.pier.Bean"><Arg>outer</Arg',
    );
    expect((ids.get('b') as Bean).name).to.equal('outer');
  });

  it('calls initializeDefaults after constructing and before nested statements', () => {
    const seen: string[] = [];
    const cfg = xmlConfig('<New id="b" class="org.example.pier.Bean"><Set name="name">x</Set></New>', {
      initializeDefaults: (o) => {
        if (o instanceof Bean) seen.push(`init:${o.name}`);
      },
    });
    cfg.configure();
    expect(seen).to.deep.equal(['init:']);
  });

  it('builds java.lang values: Integer, Double, String, Boolean', () => {
    const { ids } = run(
      '<New id="i" class="java.lang.Integer"><Arg>-1</Arg></New><New id="d" class="java.lang.Double" arg="1.5"/>' +
        '<New id="s" class="java.lang.String" arg="str"/><New id="bo" class="java.lang.Boolean"><Arg>TRUE</Arg></New>',
    );
    expect([ids.get('i'), ids.get('d'), ids.get('s'), ids.get('bo')]).to.deep.equal([-1, 1.5, 'str', true]);
  });

  it('warns, with the location, when constructing a deprecated class', async () => {
    const records = await withLogCapture((captured) => {
      run('<New class="org.example.pier.OldBean"/>');
      return captured.map(iocRecordOf).map((r) => `${r.level} ${r.location?.line}: ${r.message}`);
    });
    expect(records).to.deep.equal(['warn 4: Deprecated org.example.pier.OldBean(): use org.example.pier.Bean (at Configure > New[OldBean])']);
  });

  it('refuses to instantiate an interface', () => {
    expect(thrown(() => run('<New class="org.example.pier.Named"/>')).message).to.contain('it is an interface or abstract class');
  });

  it('reports an unknown class with suggestions and the location of the class attribute', () => {
    const e = thrown(() => run('\n  <New class="org.example.pier.Bena"/>')) as XmlConfigurationError;
    expect(e.location).to.deep.equal({ file: 'test.xml', line: 5, column: 8 });
    expect(e.elementPath).to.equal('Configure > New[Bena]');
    expect(e.detail).to.match(/^Cannot find class 'org\.example\.pier\.Bena': it is not registered; did you mean 'org\.example\.pier\.Bean'/);
  });
});
