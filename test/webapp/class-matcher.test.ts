import { expect } from 'chai';
import { ClassMatcher } from '../../src/webapp/class-matcher';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import '../../src';

describe('ClassMatcher', () => {
  it('add() records inclusions and exclusions once each', () => {
    const m = new ClassMatcher();
    expect(m.add('org.example.', '-org.example.api.')).to.equal(true);
    expect(m.add('org.example.')).to.equal(false);
    expect(m.getPatterns()).to.deep.equal(['org.example.', '-org.example.api.']);
  });

  it('exclude() stores Jetty 10 exclusions with a leading minus', () => {
    const m = new ClassMatcher();
    m.exclude(['org.eclipse.jetty.util.']);
    expect(m.getPatterns()).to.deep.equal(['-org.eclipse.jetty.util.']);
  });

  it('WebAppContext.getServerClasspathPattern() and getServerClassMatcher() are live views jetty-web.xml adds to', () => {
    const ctx = new WebAppContext();
    XmlConfiguration.fromString(
      `<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Get name="serverClasspathPattern"><Call name="add"><Arg>-org.eclipse.jetty.util.</Arg></Call></Get>
  <Get name="ServerClassMatcher"><Call name="exclude"><Arg><Array type="String"><Item>org.eclipse.jetty.servlets.</Item></Array></Arg></Call></Get>
</Configure>`,
      'jetty-web.xml',
    ).configure(ctx);
    expect(ctx.getServerClasses()).to.deep.equal(['-org.eclipse.jetty.util.', '-org.eclipse.jetty.servlets.']);
  });
});
