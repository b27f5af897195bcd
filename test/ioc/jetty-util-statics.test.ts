import { expect } from 'chai';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';

describe('Jetty utility statics reachable from XML', () => {
  it('StringUtil.csvSplit() splits a property into a String[] as Jetty does', () => {
    const xml = XmlConfiguration.fromString(
      `<Configure class="java.util.ArrayList">
  <Call name="add"><Arg><Call class="org.eclipse.jetty.util.StringUtil" name="csvSplit"><Arg> a, "b,c" ,d, </Arg></Call></Arg></Call>
</Configure>`,
      'split.xml',
    );
    const list = xml.configure() as unknown[];
    expect(list[0]).to.deep.equal(['a', 'b,c', 'd']);
  });

  it('StringUtil.csvSplit() of an unset property is an empty array', () => {
    const xml = XmlConfiguration.fromString(
      `<Configure class="java.util.ArrayList">
  <Call name="add"><Arg><Call class="org.eclipse.jetty.util.StringUtil" name="csvSplit"><Arg><Property name="unset"/></Arg></Call></Arg></Call>
</Configure>`,
      'split.xml',
    );
    const list = xml.configure() as unknown[];
    expect(list[0]).to.deep.equal([]);
  });

  it('XmlConfiguration.resolvePath() resolves a relative folder against jetty.base, keeps an absolute one and answers null for an unset one', () => {
    const xml = XmlConfiguration.fromString(
      `<Configure class="java.util.ArrayList">
  <Call name="add"><Arg><Call name="resolvePath" class="org.eclipse.jetty.xml.XmlConfiguration"><Arg>/srv/base</Arg><Arg>webapps</Arg></Call></Arg></Call>
  <Call name="add"><Arg><Call name="resolvePath" class="org.eclipse.jetty.xml.XmlConfiguration"><Arg>/srv/base</Arg><Arg>/var/apps</Arg></Call></Arg></Call>
  <Call name="add"><Arg><Call name="resolvePath" class="org.eclipse.jetty.xml.XmlConfiguration"><Arg>/srv/base</Arg><Arg><Property name="unset"/></Arg></Call></Arg></Call>
</Configure>`,
      'resolve.xml',
    );
    const list = xml.configure() as unknown[];
    expect(list[0]).to.equal(path.resolve('/srv/base', 'webapps'));
    expect(list[1]).to.equal('/var/apps');
    expect(list[2], 'an unset path stays unset, as Jetty 10 answers null').to.equal(null);
  });
});
