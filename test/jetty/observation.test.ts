import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FixtureFiles } from './body-class';
import { normaliseSetCookie, observeResponse } from './observation';
import { RawResponse } from './raw-exchange';

function response(status: number, headers: Array<[string, string]>, body: string | Buffer): RawResponse {
  return {
    outcome: 'response',
    interim: [],
    status,
    reason: 'R',
    version: 'HTTP/1.1',
    headers,
    body: Buffer.from(body),
    framing: 'content-length',
    complete: true,
    afterResponse: 'kept open',
    closedAfterMs: null,
    bytesReceived: 0,
    unparsed: Buffer.alloc(0),
  };
}

describe("Observations of an answer (the differential suite's normalisation)", () => {
  let dir: string;
  let fixtures: FixtureFiles;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-obs-'));
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app', 'data.txt'), '0123456789abcdefghij');
    fixtures = new FixtureFiles(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const observe = (r: RawResponse): Map<string, string> => observeResponse(r, { port: 8123, baseFolder: '/srv/base-x', fixtures });

  it('shows a session cookie by its shape, its attributes sorted and its date hidden', () => {
    expect(normaliseSetCookie('JSESSIONID=node01abcdefghijklmnopqrstuvwxy0.node0; Path=/app; HttpOnly')).to.equal(
      'JSESSIONID=<node0 + 20 or more base-36 characters + .node0>; HttpOnly; Path=/app',
    );
    expect(normaliseSetCookie('flavour=plain; Path=/app; Expires=Thu, 01 Jan 2099 00:00:00 GMT; Max-Age=3600; HttpOnly')).to.equal(
      'flavour=plain; Expires=<date>; HttpOnly; Max-Age=3600; Path=/app',
    );
  });

  it('names a body that is a fixture file, or a byte range of one', () => {
    expect(observe(response(200, [['Content-Type', 'text/plain']], '0123456789abcdefghij')).get('body')).to.equal('file app/data.txt');
    expect(observe(response(206, [['Content-Range', 'bytes 10-14/20']], 'abcde')).get('body')).to.equal('bytes 10-14 of app/data.txt');
  });

  it('reads the parts of a multipart/byteranges answer', () => {
    const body =
      '\r\n--XYZ\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-1/20\r\n\r\n01\r\n--XYZ\r\nContent-Type: text/plain\r\nContent-Range: bytes 18-19/20\r\n\r\nij\r\n--XYZ--\r\n';
    const o = observe(response(206, [['Content-Type', 'multipart/byteranges; boundary=XYZ']], body));
    expect([o.get('header Content-Type'), o.get('body'), o.get('part 1'), o.get('part 2')]).to.deep.equal([
      'multipart/byteranges;boundary=<boundary>',
      'multipart/byteranges with 2 parts',
      'Content-Type text/plain, Content-Range bytes 0-1/20, bytes 0-1 of app/data.txt',
      'Content-Type text/plain, Content-Range bytes 18-19/20, bytes 18-19 of app/data.txt',
    ]);
  });

  it('reads an error page into its message, URI and servlet, and notices markup that was not escaped', () => {
    const page =
      '<html><head><title>Error 404 Not Found</title></head><body><h2>HTTP ERROR 404 Not Found</h2>\n<table>\n' +
      '<tr><th>URI:</th><td>/a/<b>x</b></td></tr>\n<tr><th>STATUS:</th><td>404</td></tr>\n' +
      '<tr><th>MESSAGE:</th><td>Not Found</td></tr>\n<tr><th>SERVLET:</th><td>default</td></tr>\n</table></body></html>';
    const o = observe(response(404, [['Content-Type', 'text/html;charset=UTF-8']], page));
    expect(Object.fromEntries(o)).to.include({
      'header Content-Type': 'text/html;charset=utf-8',
      'body': 'HTML error page',
      'error message': 'Not Found',
      'error uri': '/a/x',
      'error uri markup': 'unescaped',
      'error servlet': 'default',
    });
    expect(o.has('error title')).to.equal(false);
  });

  it("reads Jetty's bad-message page and hides session ids in it", () => {
    const o = observe(
      response(
        400,
        [['Content-Type', 'text/html;charset=iso-8859-1']],
        '<h1>Bad Message 400</h1><pre>reason: Duplicate node0abcdefghijklmn0.node0</pre>',
      ),
    );
    expect([o.get('body'), o.get('bad message reason')]).to.deep.equal(['HTML bad-message page', 'Duplicate <session id>']);
  });

  it("says when a body shows the server's folder, and hides its own port in Location", () => {
    const o = observe(
      response(
        302,
        [
          ['Location', 'http://127.0.0.1:8123/x'],
          ['Content-Type', 'text/html'],
        ],
        '<html><a href="/x">/srv/base-x/webapps/x</a></html>',
      ),
    );
    expect([o.get('header Location'), o.get('body shows a filesystem path')]).to.deep.equal(['http://127.0.0.1:<port>/x', 'yes']);
  });
});
