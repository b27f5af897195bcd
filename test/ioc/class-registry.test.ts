import { expect } from 'chai';
import '../fixtures/ioc/beans';
import { ClassRegistry } from '../../src/ioc/class-registry';
import { UnknownClassError } from '../../src/ioc/errors';
import { JettyClass } from '../../src/ioc/metadata';
import { Bean, SubBean } from '../fixtures/ioc/beans';
import { thrown } from '../support/xml-config';

describe('ClassRegistry', () => {
  it('resolves every @JettyClass name in the default registry, including classes declared later', () => {
    const r = ClassRegistry.withDeclaredClasses();
    expect(r.resolve('org.example.pier.Bean')).to.equal(Bean);
    @JettyClass('org.example.pier.Late', { aliases: ['org.example.pier.OldLate'] })
    class Late {}
    expect(r.resolve('org.example.pier.Late')).to.equal(Late);
    expect(r.resolve('org.example.pier.OldLate')).to.equal(Late);
  });

  it('sees the java.* shims', () => {
    expect(ClassRegistry.default.tryResolve('java.lang.System')).to.be.a('function');
    expect(ClassRegistry.default.tryResolve('java.util.HashMap')).to.be.a('function');
  });

  it('holds only what is registered when empty, and never reaches other modules', () => {
    const r = ClassRegistry.empty();
    expect(r.tryResolve('org.example.pier.Bean')).to.equal(undefined);
    expect(r.tryResolve('fs')).to.equal(undefined);
    r.register(Bean);
    expect(r.resolve('org.example.pier.Bean')).to.equal(Bean);
  });

  it('registers under extra names', () => {
    const r = ClassRegistry.empty().register(SubBean, 'com.acme.Sub');
    expect(r.resolve('com.acme.Sub')).to.equal(SubBean);
    expect(r.resolve('org.example.pier.SubBean')).to.equal(SubBean);
  });

  it('refuses to register a class with no name', () => {
    expect(() => ClassRegistry.empty().register(class X {})).to.throw(TypeError, /no @JettyClass name/);
  });

  it('lets a child registry add classes its parent does not see (a web app)', () => {
    const parent = ClassRegistry.empty().register(Bean);
    const child = parent.createChild();
    class AppServlet {}
    child.register(AppServlet, 'com.acme.AppServlet');
    expect(child.resolve('org.example.pier.Bean')).to.equal(Bean);
    expect(child.resolve('com.acme.AppServlet')).to.equal(AppServlet);
    expect(parent.tryResolve('com.acme.AppServlet')).to.equal(undefined);
    expect(child.names()).to.deep.equal(['com.acme.AppServlet', 'org.example.pier.Bean']);
  });

  it('knows interfaces as types: registered ones, abstract @JettyClass ones and the standard Jetty ones', () => {
    const r = ClassRegistry.withDeclaredClasses().registerInterface('com.acme.Plugin');
    expect(r.isKnownType('com.acme.Plugin')).to.equal(true);
    expect(r.isKnownType('org.example.pier.Named')).to.equal(true);
    expect(r.isKnownType('org.eclipse.jetty.server.Handler')).to.equal(true);
    expect(r.isInterface('org.example.pier.Bean')).to.equal(false);
  });

  it('throws UnknownClassError listing the closest names (same simple name, same package, edit distance)', () => {
    const r = ClassRegistry.withDeclaredClasses();
    const e = thrown(() => r.resolve('org.example.pier.Been')) as UnknownClassError;
    expect(e).to.be.instanceOf(UnknownClassError);
    expect(e.suggestions[0]).to.equal('org.example.pier.Bean');
    expect(e.message).to.match(/^Cannot find class 'org\.example\.pier\.Been': it is not registered; did you mean 'org\.example\.pier\.Bean'/);
    const moved = thrown(() => r.resolve('org.mortbay.pier.Bean')) as UnknownClassError;
    expect(moved.suggestions[0]).to.equal('org.example.pier.Bean');
  });

  it('says XML can only reach declared classes when nothing is close', () => {
    const e = thrown(() => ClassRegistry.empty().resolve('x.Y'));
    expect(e.message).to.equal("Cannot find class 'x.Y': it is not registered (XML can only reach classes declared with @JettyClass)");
  });
});
