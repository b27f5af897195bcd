import { expect } from 'chai';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { SystemProperties } from '../../src/ioc/system-properties';
import { TestConfiguration } from '../fixtures/ioc/test-configuration';
import { corpusRoot, requireCorpus } from '../support/corpus';

const dir = (v: string): string => path.join(corpusRoot(), v, 'jetty-xml/src/test/resources/org/eclipse/jetty/xml');

function assertConfiguration(tc: TestConfiguration, cfg: XmlConfiguration): void {
  expect(tc.name).to.equal('name');
  expect(tc.testObject).to.equal('SetValue');
  expect(tc.testInt).to.equal(2);
  expect(tc.propValue).to.equal(18080);
  expect(tc.get('Test')).to.equal('PutValue');
  expect(tc.get('TestDft')).to.equal('2');
  expect(tc.get('TestInt')).to.equal(2);
  expect(tc.get('Trim')).to.equal('PutValue');
  expect(tc.get('Null')).to.equal(null);
  expect(tc.get('NullTrim')).to.equal(null);
  expect(tc.get('Object')).to.equal(1.2345);
  expect(tc.get('ObjectTrim')).to.equal(1.2345);
  expect(tc.get('Objects')).to.equal('-1String');
  expect(tc.get('ObjectsTrim')).to.equal('-1String');
  expect(tc.get('String')).to.equal('\n    PutValue\n  ');
  expect(tc.get('NullString')).to.equal('');
  expect(tc.get('WhiteSpace')).to.equal('\n  ');
  expect(tc.get('ObjectString')).to.equal('\n    1.2345\n  ');
  expect(tc.get('ObjectsString')).to.equal('-1String');
  expect(tc.get('ObjectsWhiteString')).to.equal('-1\n  String');
  expect(tc.get('SystemProperty')).to.equal(`${SystemProperties.get('user.dir')}/stuff`);
  expect(tc.get('Property')).to.equal('xxx');
  expect(tc.get('SomethingElse')).to.equal('xxx');
  expect(tc.get('Boolean')).to.equal(true);
  expect(tc.get('Float')).to.be.closeTo(2.3, 1e-6);
  expect(tc.get('Env')).to.equal(process.env.HOME ?? null);
  expect(tc.get('Called')).to.equal('Yes');
  expect(TestConfiguration.called).to.equal(true);
  expect(tc.oa).to.deep.equal(['Blah', '1.2.3.4:5678', 1.2345, null]);
  expect(tc.ia).to.deep.equal([1, 2, 3, 0]);
  expect(tc.testField1).to.equal(77);
  expect(tc.testField2).to.equal(2);
  expect(TestConfiguration.VALUE).to.equal(42);
  const nested = tc.nested as TestConfiguration;
  expect(nested.testString).to.equal('nested');
  expect(nested.get('Arg')).to.equal(true);
  expect(nested.get('nested')).to.equal('put');
  expect(nested.testObject).to.equal('Call1');
  expect(nested.testInt).to.equal(4);
  expect(nested.get('URL')).to.equal('0http://www.eclipse.com/');
  expect(nested.nested).to.be.instanceOf(TestConfiguration);
  const map = cfg.getIdMap().get('map') as Map<string, string>;
  expect([...map.entries()]).to.have.deep.members([
    ['key0', 'value0'],
    ['key1', 'value1'],
  ]);
  expect(cfg.getIdMap().get('key1')).to.equal('key1');
  expect(cfg.getIdMap().get('value0')).to.equal('value0');
}

describe("Jetty's own jetty-xml test resources", () => {
  before(function () {
    requireCorpus(this);
  });
  const resetStatics = (): void => {
    TestConfiguration.called = false;
    TestConfiguration.VALUE = 77;
  };
  beforeEach(resetStatics);
  afterEach(resetStatics);

  for (const version of ['jetty-9.4.x', 'jetty-10.0.x', 'jetty-9.3.x']) {
    for (const file of ['configureWithAttr.xml', 'configureWithElements.xml']) {
      it(`applies ${version} ${file} against TestConfiguration as Jetty's XmlConfigurationTest asserts`, function () {
        const p = path.join(dir(version), file);
        const cfg = new XmlConfiguration(p);
        const tc = cfg.configure() as TestConfiguration;
        expect(tc).to.be.instanceOf(TestConfiguration);
        assertConfiguration(tc, cfg);
      });
    }
  }

  it('applies mortbay.xml (an old public id) to a plain java.lang.Object', () => {
    const obj = new XmlConfiguration(path.join(dir('jetty-9.4.x'), 'mortbay.xml')).configure();
    expect(obj).to.be.an('object');
  });
});
