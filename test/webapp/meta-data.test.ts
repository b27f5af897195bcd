/**
 * Tests for merging webdefault.xml, web.xml and override descriptors.
 * @module
 */
import { expect } from 'chai';
import { parseWebDescriptor } from '../../src/webapp/descriptor/web-descriptor';
import { MetaData } from '../../src/webapp/meta-data';
import { DescriptorError } from '../../src/webapp/errors';
import { fixturePath } from './webapp-test-support';

const descriptor = (name: string) => parseWebDescriptor(fixturePath('webapp', 'descriptors', name));

describe('MetaData', () => {
  function resolved() {
    const md = new MetaData();
    md.setDefaults(descriptor('defaults-web.xml'));
    md.setWebXml(descriptor('app-web.xml'));
    return md.resolve();
  }

  it('lets web.xml take over a path mapped by the defaults descriptor', () => {
    expect(resolved().servletMappings.map((m) => [m.pathSpec, m.servletName, m.fromDefaults])).to.deep.equal([['/', 'front', false]]);
  });

  it('merges a servlet declared again: init params replaced, class kept', () => {
    const def = resolved().servlets.find((s) => s.name === 'default')!;
    expect(def.className).to.equal('org.eclipse.jetty.servlet.DefaultServlet');
    expect(def.initParams.get('dirAllowed')).to.equal('true');
  });

  it("replaces the default welcome files with the app's list", () => {
    expect(resolved().welcomeFiles).to.deep.equal(['start.html']);
  });

  it('lets later context params win and merges session settings field by field', () => {
    const r = resolved();
    expect(r.contextParams.get('mode')).to.equal('app');
    expect(r.sessionConfig).to.deep.include({ timeoutMinutes: 30 });
    expect(r.sessionConfig?.cookieConfig).to.deep.equal({ name: 'APP' });
  });

  it('applies an override descriptor last', () => {
    const md = new MetaData();
    md.setDefaults(descriptor('defaults-web.xml'));
    md.setWebXml(descriptor('app-web.xml'));
    md.addOverride(descriptor('full-web.xml'));
    const r = md.resolve();
    expect(r.sessionConfig?.timeoutMinutes).to.equal(15);
    expect(r.welcomeFiles).to.deep.equal(['start.html', 'home.html', 'index.html']);
  });

  it('refuses two servlets mapped to one path in the same app, naming both places', () => {
    const md = new MetaData();
    md.setWebXml(descriptor('conflict-web.xml'));
    expect(() => md.resolve()).to.throw(
      DescriptorError,
      /conflict-web\.xml:6:3: Cannot map '\/x' to servlet 'b': it is already mapped to servlet 'a' at .*conflict-web\.xml:5:3/,
    );
  });

  it('refuses a mapping to a servlet nobody declared', () => {
    const md = new MetaData();
    md.setWebXml(descriptor('unknown-servlet-web.xml'));
    expect(() => md.resolve()).to.throw(
      DescriptorError,
      /unknown-servlet-web\.xml:3:3: Cannot map '\/x' to servlet 'ghost': no servlet has that name/,
    );
  });
});
