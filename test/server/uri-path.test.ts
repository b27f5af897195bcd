import { expect } from 'chai';
import { addPaths, decodeCanonicalPath, findPathParameter, parseRequestUri } from '../../src/server/uri-path';

describe('uri-path', () => {
  it('decodeCanonicalPath() decodes, strips path parameters and resolves dot segments', () => {
    expect(decodeCanonicalPath('/a/b')).to.equal('/a/b');
    expect(decodeCanonicalPath('/a%20b/c')).to.equal('/a b/c');
    expect(decodeCanonicalPath('/a;x=1/b;jsessionid=2')).to.equal('/a/b');
    expect(decodeCanonicalPath('/a/./b/../c')).to.equal('/a/c');
    expect(decodeCanonicalPath('/a/b/..')).to.equal('/a/');
    expect(decodeCanonicalPath('//a')).to.equal('//a');
  });

  it('decodeCanonicalPath() refuses ambiguous and escaping paths with a reason', () => {
    expect(decodeCanonicalPath('/..')).to.deep.equal({ reason: 'the path escapes the root' });
    expect(decodeCanonicalPath('/a/%2e%2e/b')).to.deep.equal({ reason: 'the path contains an encoded dot segment' });
    expect(decodeCanonicalPath('/a%2fb')).to.deep.equal({ reason: 'the path contains an encoded slash' });
    expect(decodeCanonicalPath('/a%00')).to.deep.equal({ reason: 'the path contains NUL' });
    expect(decodeCanonicalPath('/a%zz')).to.deep.equal({ reason: 'the path has a bad percent-encoding' });
    expect(decodeCanonicalPath('a')).to.deep.equal({ reason: 'the path is not absolute' });
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

  it('addPaths() joins with exactly one slash', () => {
    expect(addPaths('/a/', '/b')).to.equal('/a/b');
    expect(addPaths('/a', 'b')).to.equal('/a/b');
    expect(addPaths('', '/b')).to.equal('/b');
  });
});
