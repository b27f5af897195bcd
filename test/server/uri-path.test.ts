import { expect } from 'chai';
import { addPaths, canonicalUri, decodeCanonicalPath, encodePath, findPathParameter, parseRequestUri } from '../../src/server/uri-path';

describe('uri-path', () => {
  it('decodeCanonicalPath() decodes, strips path parameters and resolves dot segments', () => {
    expect(decodeCanonicalPath('/a/b')).to.equal('/a/b');
    expect(decodeCanonicalPath('/a%20b/c')).to.equal('/a b/c');
    expect(decodeCanonicalPath('/a;x=1/b;jsessionid=2')).to.equal('/a/b');
    expect(decodeCanonicalPath('/a/./b/../c')).to.equal('/a/c');
    expect(decodeCanonicalPath('/a/b/..')).to.equal('/a/');
  });

  it('decodeCanonicalPath() collapses empty and parameter-only segments, keeping a trailing slash', () => {
    expect(decodeCanonicalPath('//a')).to.equal('/a');
    expect(decodeCanonicalPath('//WEB-INF/web.xml')).to.equal('/WEB-INF/web.xml');
    expect(decodeCanonicalPath('/;x/WEB-INF/web.xml')).to.equal('/WEB-INF/web.xml');
    expect(decodeCanonicalPath('/app//admin/secret.txt')).to.equal('/app/admin/secret.txt');
    expect(decodeCanonicalPath('/app/;/admin/x')).to.equal('/app/admin/x');
    expect(decodeCanonicalPath('/a//')).to.equal('/a/');
    expect(decodeCanonicalPath('//')).to.equal('/');
    expect(decodeCanonicalPath('/;x')).to.equal('/');
    expect(decodeCanonicalPath('/a/;x')).to.equal('/a/');
  });

  it('decodeCanonicalPath() resolves dot segments before collapsing, as Jetty resolves them', () => {
    expect(decodeCanonicalPath('//..')).to.equal('/');
    expect(decodeCanonicalPath('/;x/..')).to.equal('/');
    expect(decodeCanonicalPath('/a/b//../c')).to.equal('/a/b/c');
    expect(decodeCanonicalPath('/app/sub/..//WEB-INF/web.xml')).to.equal('/app/WEB-INF/web.xml');
    expect(decodeCanonicalPath('/app/.//WEB-INF/web.xml')).to.equal('/app/WEB-INF/web.xml');
    expect(decodeCanonicalPath('//evil.example/../sub')).to.equal('/sub');
  });

  it('decodeCanonicalPath() refuses a parameter on a dot segment (Jetty: ambiguous path parameters)', () => {
    const ambiguous = { reason: 'ambiguous path parameters: a dot segment has a parameter', statusReason: 'Ambiguous path parameters' };
    expect(decodeCanonicalPath('//evil.example/..;/sub')).to.deep.equal(ambiguous);
    expect(decodeCanonicalPath('/a/..;x/b')).to.deep.equal(ambiguous);
    expect(decodeCanonicalPath('/a/.;x/b')).to.deep.equal(ambiguous);
  });

  it('decodeCanonicalPath() refuses ambiguous and escaping paths with a reason', () => {
    expect(decodeCanonicalPath('/..')).to.deep.equal({ reason: 'the path escapes the root', statusReason: 'Bad Request' });
    expect(decodeCanonicalPath('/a/%2e%2e/b')).to.deep.equal({
      reason: 'the path contains an encoded dot segment',
      statusReason: 'Ambiguous URI path segment',
    });
    expect(decodeCanonicalPath('/a%2fb')).to.deep.equal({
      reason: 'the path contains an encoded slash',
      statusReason: 'Ambiguous URI path separator',
    });
    expect(decodeCanonicalPath('/a%00')).to.deep.equal({ reason: 'the path contains NUL', statusReason: 'Bad Request' });
    expect(decodeCanonicalPath('/a%zz')).to.deep.equal({ reason: 'the path has a bad percent-encoding', statusReason: 'Bad Request' });
    expect(decodeCanonicalPath('a')).to.deep.equal({ reason: 'the path is not absolute', statusReason: 'Bad Request' });
  });

  it('parseRequestUri() splits path and query and accepts absolute-form targets', () => {
    expect(parseRequestUri('/p?x=1')).to.deep.equal({ rawPath: '/p', query: 'x=1', decodedPath: '/p' });
    expect(parseRequestUri('http://h:1/p/q?')).to.deep.equal({ rawPath: '/p/q', query: '', decodedPath: '/p/q' });
  });

  it('findPathParameter() reads a value up to ; # ? or /', () => {
    expect(findPathParameter('/a;jsessionid=abc.node0/b', 'jsessionid')).to.equal('abc.node0');
    expect(findPathParameter('/a;jsessionid=x;other=1', 'jsessionid')).to.equal('x');
    expect(findPathParameter('/a', 'jsessionid')).to.equal(null);
  });

  it('encodePath() percent-encodes what cannot stand in a URL path, in UTF-8', () => {
    expect(encodePath('/app/sub/')).to.equal('/app/sub/');
    expect(encodePath('/a b/c;d?e#f%g')).to.equal('/a%20b/c%3Bd%3Fe%23f%25g');
    expect(encodePath('/café/\\x')).to.equal('/caf%C3%A9/%5Cx');
  });

  it('canonicalUri() resolves dot segments of the path only, and refuses going above the root', () => {
    expect(canonicalUri('/a/./b/../c?x=/../y#f')).to.equal('/a/c?x=/../y#f');
    expect(canonicalUri('/a/..')).to.equal('/');
    expect(canonicalUri('//evil.example/x')).to.equal('//evil.example/x');
    expect(canonicalUri('/a/../../x')).to.equal(null);
  });

  it('addPaths() joins with exactly one slash', () => {
    expect(addPaths('/a/', '/b')).to.equal('/a/b');
    expect(addPaths('/a', 'b')).to.equal('/a/b');
    expect(addPaths('', '/b')).to.equal('/b');
  });
});
