/**
 * Tests of optional backends: a module whose classes need a client package is loaded only when XML
 * names one of its classes, and a missing package is reported with the package to install.
 * @module
 */
import { expect } from 'chai';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { XmlConfigurationError } from '../../src/ioc/errors';
import { OptionalBackendError } from '../../src/ioc/optional-backends';
import { ABSENT_MODULE, PRESENT_MODULE } from '../fixtures/ioc/optional-backends';
import { thrown } from '../support/xml-config';

const configure = (body: string): unknown =>
  XmlConfiguration.fromString(`<Configure class="java.util.ArrayList">\n${body}\n</Configure>`, 'store.xml').configure();

describe('an optional backend', () => {
  it('is not loaded until XML names one of its classes, then is loaded and applied', () => {
    expect(require.cache[PRESENT_MODULE]).to.equal(undefined);
    configure('<Call name="add"><Arg><New class="java.util.HashMap"/></Arg></Call>');
    expect(require.cache[PRESENT_MODULE]).to.equal(undefined);
    const list = configure(
      '<Call name="add"><Arg><New id="s" class="org.example.pier.PresentClientStore"><Set name="name">one</Set></New></Arg></Call>',
    ) as { getName(): string }[];
    expect(require.cache[PRESENT_MODULE]).to.not.equal(undefined);
    expect(list[0].getName()).to.equal('one');
  });

  it('whose client package is missing fails the XML that names its class, saying which package to install', () => {
    const e = thrown(() => configure('  <Call name="add"><Arg><New class="org.example.pier.AbsentClientStore"/></Arg></Call>'));
    expect(e).to.be.instanceOf(XmlConfigurationError);
    expect(e.message.split('\n')[0]).to.equal(
      "store.xml:2:30: Cannot load class 'org.example.pier.AbsentClientStore': the absent-client test store needs the npm package 'pier-test-absent-client', which is not installed (run npm install pier-test-absent-client)",
    );
    const cause = (e as XmlConfigurationError).cause as OptionalBackendError;
    expect(cause).to.be.instanceOf(OptionalBackendError);
    expect(cause.missingPackage).to.equal('pier-test-absent-client');
    expect(require.cache[ABSENT_MODULE]).to.equal(undefined);
  });
});
