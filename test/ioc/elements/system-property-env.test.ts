import { expect } from 'chai';
import '../../fixtures/ioc/beans';
import { captureIocLog } from '../../support/log-capture';
import { thrown, xmlConfig } from '../../support/xml-config';
import { SystemProperties } from '../../../src/ioc/system-properties';

const ids = (body: string, props: Record<string, string> = {}, doctype = true): Map<string, unknown> => {
  const cfg = xmlConfig(body, { properties: props, doctype });
  cfg.configure();
  return cfg.getIdMap();
};

describe('<SystemProperty> and <Env>', () => {
  const log = captureIocLog();
  afterEach(() => {
    SystemProperties.clear('pier.test');
    delete process.env.PIER_TEST_ENV;
    delete process.env.PIER_TEST_OLD;
  });

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

  it('names <Env> itself in its warnings and errors', () => {
    process.env.PIER_TEST_OLD = 'old';
    ids('<Env name="PIER_TEST_ENV" deprecated="PIER_TEST_OLD" id="e"/>');
    expect(log.map((r) => r.message)).to.deep.equal([
      "Env 'PIER_TEST_OLD' is deprecated, use 'PIER_TEST_ENV' instead (at Configure > Env[PIER_TEST_ENV])",
    ]);
    expect(thrown(() => ids('<Env id="e"/>')).message.split('\n')[0]).to.match(
      /: Cannot read <Env>: it must have attribute 'name' or element <Name>$/,
    );
    expect(thrown(() => ids('<Env name="PIER_TEST_ENV"><Set name="x"/></Env>')).message.split('\n')[0]).to.match(/: Cannot use <Set> inside <Env>: /);
  });

  it('reaches System.getProperty and System.setProperty through the java.lang.System shim', () => {
    const m = ids(
      '<Call class="java.lang.System" name="setProperty"><Arg>pier.test</Arg><Arg>set</Arg></Call>' +
        '<Call class="java.lang.System" name="getProperty" id="g"><Arg>pier.test</Arg></Call>' +
        '<Call class="java.lang.System" name="getProperty" id="d"><Arg>pier.unset</Arg><Arg>dflt</Arg></Call>',
    );
    expect([m.get('g'), m.get('d'), SystemProperties.get('pier.test')]).to.deep.equal(['set', 'dflt', 'set']);
  });
});
