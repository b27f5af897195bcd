import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseRanges } from '../../src/server/byte-ranges';
import { DefaultServlet } from '../../src/servlet/default-servlet';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { ServletHolder } from '../../src/servlet/servlet-holder';
import { request, startServer, type TestServer } from '../server/http-helpers';

describe('DefaultServlet', () => {
  let root: string;
  let base: string;
  let t: TestServer;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-static-'));
    base = path.join(root, 'www');
    fs.mkdirSync(path.join(base, 'docs'), { recursive: true });
    fs.mkdirSync(path.join(base, 'WEB-INF'));
    fs.mkdirSync(path.join(base, 'open'));
    fs.writeFileSync(path.join(base, 'index.html'), '<h1>home</h1>');
    fs.writeFileSync(path.join(base, 'style.css'), 'body{}');
    fs.writeFileSync(path.join(base, 'digits.txt'), '0123456789');
    fs.writeFileSync(path.join(base, 'WEB-INF', 'web.xml'), '<web-app/>');
    fs.writeFileSync(path.join(base, 'open', 'a.txt'), 'a');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'SECRET');
    fs.symlinkSync(path.join(root, 'secret.txt'), path.join(base, 'link-out.txt'));
    fs.symlinkSync(path.join(base, 'digits.txt'), path.join(base, 'link-in.txt'));
    fs.symlinkSync(path.join(base, 'WEB-INF'), path.join(base, 'public'));
    fs.mkdirSync(path.join(base, 'Meta-Inf'));
    fs.writeFileSync(path.join(base, 'Meta-Inf', 'MANIFEST.MF'), 'MANIFEST-CONTENT');
    const ctx = new ServletContextHandler(null, '/s');
    ctx.setResourceBase(base);
    ctx.addServlet(new ServletHolder('default', DefaultServlet), '/');
    const listing = new ServletHolder('listing', DefaultServlet);
    listing.setInitParameter('dirAllowed', 'true');
    listing.setInitParameter('pathInfoOnly', 'true');
    ctx.addServlet(listing, '/list/*');
    t = await startServer(ctx);
  });

  after(async () => {
    await t.server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves a file with its content type, Last-Modified and ETag', async () => {
    const r = await request(t.port, '/s/style.css');
    expect(r.status).to.equal(200);
    expect(r.text).to.equal('body{}');
    expect(r.headers['content-type']).to.equal('text/css');
    expect(r.headers['content-length']).to.equal('6');
    expect(r.headers['accept-ranges']).to.equal('bytes');
    expect(r.headers.etag).to.match(/^W\/".+"$/);
    expect(Date.parse(r.headers['last-modified'] as string)).to.be.greaterThan(0);
  });

  it('answers 304 to a matching If-None-Match or a current If-Modified-Since, with the ETag and without Last-Modified (as Jetty)', async () => {
    const first = await request(t.port, '/s/style.css');
    const byTag = await request(t.port, '/s/style.css', { headers: { 'if-none-match': first.headers.etag as string } });
    expect(byTag.status).to.equal(304);
    expect(byTag.body.length).to.equal(0);
    expect(byTag.headers.etag).to.equal(first.headers.etag);
    expect(byTag.headers['last-modified']).to.equal(undefined);
    const byDate = await request(t.port, '/s/style.css', { headers: { 'if-modified-since': first.headers['last-modified'] as string } });
    expect(byDate.status).to.equal(304);
    const stale = await request(t.port, '/s/style.css', { headers: { 'if-none-match': 'W/"other"' } });
    expect(stale.status).to.equal(200);
  });

  it('answers 412 with no page when If-Match does not match, and with an error page when If-Unmodified-Since fails (as Jetty 9.4)', async () => {
    const ifMatch = await request(t.port, '/s/style.css', { headers: { 'if-match': '"nope"' } });
    expect([ifMatch.status, ifMatch.body.length, ifMatch.headers['content-type']]).to.deep.equal([412, 0, undefined]);
    const ius = await request(t.port, '/s/style.css', { headers: { 'if-unmodified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' } });
    expect(ius.status).to.equal(412);
    expect(ius.text).to.contain('HTTP ERROR 412');
  });

  it('serves a single byte range with 206 and refuses an unsatisfiable one with 416', async () => {
    const r = await request(t.port, '/s/digits.txt', { headers: { range: 'bytes=2-4' } });
    expect(r.status).to.equal(206);
    expect(r.text).to.equal('234');
    expect(r.headers['content-range']).to.equal('bytes 2-4/10');
    const tail = await request(t.port, '/s/digits.txt', { headers: { range: 'bytes=-3' } });
    expect(tail.text).to.equal('789');
    const bad = await request(t.port, '/s/digits.txt', { headers: { range: 'bytes=50-' } });
    expect(bad.status).to.equal(416);
    expect(bad.headers['content-range']).to.equal('bytes */10');
  });

  it("answers an unsatisfiable range with 416, Content-Range and the file's type, without a body (as Jetty)", async () => {
    const bad = await request(t.port, '/s/digits.txt', { headers: { range: 'bytes=50-,60-70' } });
    expect(bad.status).to.equal(416);
    expect(bad.headers['content-range']).to.equal('bytes */10');
    expect(bad.headers['content-type']).to.equal('text/plain');
    expect(bad.headers['content-length']).to.equal('0');
    expect(bad.body.length).to.equal(0);
  });

  it('answers several ranges with 206 multipart/byteranges laid out as Jetty 9.4.57 lays them out', async () => {
    const many = await request(t.port, '/s/digits.txt', { headers: { range: 'bytes=0-1,4-5' } });
    expect(many.status).to.equal(206);
    const m = /^multipart\/byteranges; boundary=(jetty\d+[0-9a-z]+)$/.exec(many.headers['content-type'] as string);
    expect(m, many.headers['content-type']).not.to.equal(null);
    const b = m![1];
    expect(many.headers['content-range']).to.equal(undefined);
    expect(many.text).to.equal(
      `--${b}\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/10\r\n\r\n01\r\n` +
        `--${b}\r\nContent-Type: text/plain\r\nContent-Range: bytes 4-5/10\r\n\r\n45\r\n--${b}--\r\n`,
    );
    expect(Number(many.headers['content-length'])).to.equal(many.body.length);
    const head = await request(t.port, '/s/digits.txt', { method: 'HEAD', headers: { range: 'bytes=0-1,4-5' } });
    expect(head.status).to.equal(206);
    expect(head.body.length).to.equal(0);
    // the boundary is random, so the two lengths differ by three times the difference of their lengths
    const headBoundary = /boundary=(\S+)$/.exec(head.headers['content-type'] as string)![1];
    expect(Number(head.headers['content-length'])).to.equal(many.body.length + 3 * (headBoundary.length - b.length));
    const overlapping = await request(t.port, '/s/digits.txt', { headers: { range: 'bytes=0-4,2-6' } });
    expect([overlapping.status, overlapping.headers['content-range'], overlapping.text]).to.deep.equal([206, 'bytes 0-6/10', '0123456']);
  });

  it('serves a file to POST as to GET, and answers OPTIONS without TRACE, which it refuses', async () => {
    const post = await request(t.port, '/s/digits.txt', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect([post.status, post.text]).to.deep.equal([200, '0123456789']);
    const options = await request(t.port, '/s/digits.txt', { method: 'OPTIONS' });
    expect(options.status).to.equal(200);
    expect(options.headers.allow).to.equal('GET,HEAD,POST,OPTIONS');
    expect((await request(t.port, '/s/digits.txt', { method: 'TRACE' })).status).to.equal(405);
  });

  it('answers the refused PUT and DELETE with the status alone, no error page (as Jetty 9.4 for methods other than GET, POST, HEAD)', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const r = await request(t.port, '/s/digits.txt', method === 'PUT' ? { method, body: 'x' } : { method });
      expect(r.status, method).to.equal(405);
      expect(r.body.length, method).to.equal(0);
      expect(r.headers['content-type'], method).to.equal(undefined);
      expect(r.headers['cache-control'], method).to.equal(undefined);
    }
    expect((await request(t.port, '/s/missing.txt', { method: 'POST', body: 'x' })).text).to.contain('Error 404');
  });

  it('answers HEAD with the headers only', async () => {
    const r = await request(t.port, '/s/digits.txt', { method: 'HEAD' });
    expect(r.status).to.equal(200);
    expect(r.headers['content-length']).to.equal('10');
    expect(r.body.length).to.equal(0);
  });

  it('serves the welcome file for a directory and redirects a directory without a slash', async () => {
    const home = await request(t.port, '/s/');
    expect(home.text).to.equal('<h1>home</h1>');
    const redirect = await request(t.port, '/s/docs');
    expect(redirect.status).to.equal(302);
    expect(redirect.headers.location).to.equal(`http://127.0.0.1:${t.port}/s/docs/`);
  });

  it('refuses a directory listing unless dirAllowed is true', async () => {
    expect((await request(t.port, '/s/docs/')).status).to.equal(403);
    const listed = await request(t.port, '/s/list/open/');
    expect(listed.status).to.equal(200);
    expect(listed.text).to.contain('<a href="/s/list/open/a.txt">a.txt</a>');
  });

  it('never serves a file outside the resource base', async () => {
    const attempts = [
      '/s/../secret.txt',
      '/s/%2e%2e/secret.txt',
      '/s/%2E%2E/secret.txt',
      '/s/..%2fsecret.txt',
      '/s/..%5csecret.txt',
      '/s/%5c..%5csecret.txt',
      '/s/docs/..%2f..%2fsecret.txt',
      '/s/secret.txt%00.css',
      '/s/link-out.txt',
      '/s/WEB-INF/web.xml',
      '/s/web-inf/web.xml',
      '/s/.%2e/secret.txt',
      '/s//../secret.txt',
    ];
    for (const a of attempts) {
      const r = await request(t.port, a);
      expect([400, 404], `${a} → ${r.status}`).to.include(r.status);
      expect(r.text, a).not.to.contain('SECRET');
      expect(r.text, a).not.to.contain('<web-app/>');
    }
  });

  it('refuses any file that resolves into WEB-INF or META-INF, even in a context that protects nothing', async () => {
    const attempts = [
      '/s/public/web.xml',
      '/s//WEB-INF/web.xml',
      '/s/;x/WEB-INF/web.xml',
      '/s/Meta-Inf/MANIFEST.MF',
      '/s/.//Meta-Inf/MANIFEST.MF',
      '/s/list/public/web.xml',
    ];
    for (const a of attempts) {
      const r = await request(t.port, a);
      expect(r.status, a).to.equal(404);
      expect(r.text, a).not.to.contain('<web-app/>');
      expect(r.text, a).not.to.contain('MANIFEST-CONTENT');
    }
  });

  it('follows a symlink that stays inside the base', async () => {
    expect((await request(t.port, '/s/link-in.txt')).text).to.equal('0123456789');
  });

  it('redirects a file asked for with a trailing slash to the file, from the canonical path (as Jetty)', async () => {
    const r = await request(t.port, '/s/digits.txt/?x=1');
    expect(r.status).to.equal(302);
    expect(r.headers.location).to.equal(`http://127.0.0.1:${t.port}/s/digits.txt?x=1`);
    expect((await request(t.port, '/s//digits.txt;x/')).headers.location).to.equal(`http://127.0.0.1:${t.port}/s/digits.txt`);
  });

  it('answers 404 for a missing file', async () => {
    expect((await request(t.port, '/s/missing.txt')).status).to.equal(404);
  });
});

describe('parseRanges', () => {
  it('reads bytes=a-b, bytes=a- and bytes=-n, clamped to the file', () => {
    expect(parseRanges('bytes=0-0', 5)).to.deep.equal([{ start: 0, end: 0 }]);
    expect(parseRanges('bytes=3-', 5)).to.deep.equal([{ start: 3, end: 4 }]);
    expect(parseRanges('bytes=-2', 5)).to.deep.equal([{ start: 3, end: 4 }]);
    expect(parseRanges('bytes=1-99', 5)).to.deep.equal([{ start: 1, end: 4 }]);
    expect(parseRanges('Bytes = 1 - 2', 5)).to.deep.equal([{ start: 1, end: 2 }]);
  });

  it('keeps several ranges in the order asked, coalescing the ones that overlap into the first (as Jetty)', () => {
    expect(parseRanges('bytes=10-14,0-4', 36)).to.deep.equal([
      { start: 10, end: 14 },
      { start: 0, end: 4 },
    ]);
    expect(parseRanges('bytes=0-4,5-9', 36)).to.deep.equal([
      { start: 0, end: 4 },
      { start: 5, end: 9 },
    ]);
    expect(parseRanges('bytes=0-4,2-6', 36)).to.deep.equal([{ start: 0, end: 6 }]);
    expect(parseRanges('bytes=30-,-3,0-1', 36)).to.deep.equal([
      { start: 30, end: 35 },
      { start: 0, end: 1 },
    ]);
    expect(parseRanges('bytes=0-2,10-12,1-11', 36)).to.deep.equal([{ start: 0, end: 12 }]);
  });

  it('drops unsatisfiable and malformed ranges among good ones', () => {
    expect(parseRanges('bytes=0-4,100-200', 36)).to.deep.equal([{ start: 0, end: 4 }]);
    expect(parseRanges('bytes=0-4,abc,-0', 36)).to.deep.equal([{ start: 0, end: 4 }]);
  });

  it('is unsatisfiable when well-formed ranges all lie outside the file', () => {
    expect(parseRanges('bytes=9-', 5)).to.equal('unsatisfiable');
    expect(parseRanges('bytes=100-200,300-', 36)).to.equal('unsatisfiable');
    expect(parseRanges('bytes=-0', 36)).to.equal('unsatisfiable');
    expect(parseRanges('bytes=0-4', 0)).to.equal('unsatisfiable');
  });

  it('ignores a header with another unit or no well-formed range (RFC 9110: the whole file is sent)', () => {
    expect(parseRanges('items=0-1', 5)).to.equal(null);
    expect(parseRanges('bytes=abc', 5)).to.equal(null);
    expect(parseRanges('bytes=3-1', 5)).to.equal(null);
    expect(parseRanges('bytes=,', 5)).to.equal(null);
  });
});
