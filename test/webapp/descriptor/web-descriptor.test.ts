/**
 * Tests for the web.xml parser: every supported element and located errors.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { parseWebDescriptor, isValidUrlPattern } from '../../../src/webapp/descriptor/web-descriptor';
import { DescriptorError } from '../../../src/webapp/errors';
import { fixturePath } from '../webapp-test-support';

const descriptor = (name: string): string => fixturePath('webapp', 'descriptors', name);

describe('WebDescriptor', () => {
  describe('parseWebDescriptor()', () => {
    const d = parseWebDescriptor(descriptor('full-web.xml'));

    it('reads the version, metadata-complete, display-name and distributable', () => {
      expect(d.version).to.equal('3.1');
      expect(d.metadataComplete).to.equal(true);
      expect(d.displayName).to.equal('Full Example');
      expect(d.distributable).to.equal(true);
    });

    it('reads context params', () => {
      expect(d.contextParams.get('greeting')).to.equal('hello');
    });

    it('reads servlets with their init params and load-on-startup (empty element means 0)', () => {
      expect(d.servlets.map((s) => [s.name, s.className, s.loadOnStartup])).to.deep.equal([
        ['hello', 'com.example.HelloServlet', 1],
        ['lazy', 'com.example.LazyServlet', 0],
      ]);
      expect(d.servlets[0].initParams.get('who')).to.equal('world');
    });

    it('reads servlet mappings with several url patterns of every kind', () => {
      expect(d.servletMappings.map((m) => [m.servletName, m.urlPatterns])).to.deep.equal([
        ['hello', ['/hello', '/greet/*']],
        ['lazy', ['*.do']],
      ]);
    });

    it('reads filters and filter mappings by url pattern, servlet name and dispatcher', () => {
      expect(d.filters[0]).to.include({ name: 'stamp', className: 'com.example.StampFilter', asyncSupported: true });
      expect(d.filters[0].initParams.get('header')).to.equal('X-Stamp');
      expect(d.filterMappings[0]).to.deep.include({ filterName: 'stamp', urlPatterns: ['/*'], dispatchers: ['REQUEST', 'ERROR'] });
      expect(d.filterMappings[1]).to.deep.include({ servletNames: ['hello'], dispatchers: [] });
    });

    it('reads listeners, welcome files and mime mappings', () => {
      expect(d.listeners.map((l) => l.className)).to.deep.equal(['com.example.StartupListener']);
      expect(d.welcomeFiles).to.deep.equal(['home.html', 'index.html']);
      expect(d.mimeMappings.get('md')).to.equal('text/markdown');
    });

    it('reads error pages by error code and by exception type', () => {
      expect(d.errorPages.map((e) => [e.errorCode, e.exceptionType, e.page])).to.deep.equal([
        [404, null, '/missing.html'],
        [null, 'java.lang.IllegalStateException', '/oops'],
      ]);
    });

    it('reads the session config: timeout, cookie config and tracking modes', () => {
      expect(d.sessionConfig?.timeoutMinutes).to.equal(15);
      expect(d.sessionConfig?.cookieConfig).to.deep.equal({
        name: 'SHOPSESSION',
        domain: 'example.com',
        path: '/shop',
        comment: 'cart',
        httpOnly: true,
        secure: false,
        maxAge: 3600,
      });
      expect(d.sessionConfig?.trackingModes).to.deep.equal(['COOKIE', 'URL']);
    });

    it('keeps the file:line:column of every declaration', () => {
      expect(d.servlets[0].location).to.deep.equal({ file: descriptor('full-web.xml'), line: 31, column: 3 });
    });

    it('tolerates a 2.3 descriptor with a Sun DOCTYPE and the default mapping', () => {
      const old = parseWebDescriptor(descriptor('web-2.3.xml'));
      expect(old.displayName).to.equal('Old Style');
      expect(old.servletMappings[0].urlPatterns).to.deep.equal(['/']);
      expect(old.welcomeFiles).to.equal(null);
    });

    it('reports an invalid url pattern with the file, line and column of the pattern', () => {
      expect(() => parseWebDescriptor(descriptor('bad-pattern-web.xml'))).to.throw(
        DescriptorError,
        `${descriptor('bad-pattern-web.xml')}:9:5: Cannot map url-pattern '/a/*/b': not a valid servlet pattern`,
      );
    });

    it('reports malformed XML as a DescriptorError with the location of the bad tag', () => {
      let caught: unknown;
      try {
        parseWebDescriptor(descriptor('malformed-web.xml'));
      } catch (err) {
        caught = err;
      }
      expect(caught).to.be.instanceOf(DescriptorError);
      expect((caught as DescriptorError).message).to.match(/malformed-web\.xml:5:\d+: Cannot parse descriptor: /);
      expect((caught as DescriptorError).location?.line).to.equal(5);
    });

    it('reports a non-numeric session timeout with its location', () => {
      expect(() => parseWebDescriptor(descriptor('bad-timeout-web.xml'))).to.throw(
        DescriptorError,
        /bad-timeout-web\.xml:4:5: Cannot read <session-timeout> 'ten': not an integer/,
      );
    });

    it('reports a missing file with the action that failed', () => {
      expect(() => parseWebDescriptor(path.join(descriptor('.'), 'nope.xml'))).to.throw(DescriptorError, /^Cannot read descriptor '.*nope\.xml': /);
    });
  });

  describe('isValidUrlPattern()', () => {
    it('accepts exact, prefix, extension, default and root patterns and refuses the rest', () => {
      for (const ok of ['/a', '/a/b', '/a/*', '*.do', '/', '', '/*']) expect(isValidUrlPattern(ok), ok).to.equal(true);
      for (const bad of ['a', '/a*', '*.', '*.a/b', '/a/*/b']) expect(isValidUrlPattern(bad), bad).to.equal(false);
    });
  });
});
