/**
 * The classic static-site context XML (a ContextHandler with Jetty's ResourceHandler) deployed from
 * webapps/, over real HTTP: welcome files, listings, ranges, conditional requests, Cache-Control,
 * precompressed files, and nothing served outside the resource base.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { freePort, PierProcess, request, writeIn } from '../../support/pier-process';
import { makeBase, removeBase } from '../../start/support';

describe('ResourceHandler in a static-site context XML', function () {
  this.timeout(30_000);
  let base: string;
  let pier: PierProcess;
  let port: number;

  before(async () => {
    base = makeBase();
    const site = path.join(base, 'site');
    writeIn(site, 'index.html', '<h1>home</h1>');
    writeIn(site, 'a.txt', 'abcdefghijklmnopqrstuvwxyz');
    writeIn(site, 'sub/b.txt', 'bee');
    writeIn(site, 'app.js', 'console.log("plain");');
    fs.writeFileSync(path.join(site, 'app.js.gz'), zlib.gzipSync('console.log("plain");'));
    writeIn(site, 'WEB-INF/secret.txt', 'secret');
    writeIn(base, 'outside.txt', 'outside');
    writeIn(
      base,
      'webapps/static.xml',
      `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.server.handler.ContextHandler">
  <Set name="contextPath">/static</Set>
  <Set name="handler">
    <New class="org.eclipse.jetty.server.handler.ResourceHandler">
      <Set name="resourceBase">${site}</Set>
      <Set name="directoriesListed">true</Set>
      <Set name="welcomeFiles"><Array type="String"><Item>index.html</Item></Array></Set>
      <Set name="cacheControl">max-age=3600,public</Set>
      <Set name="etags">true</Set>
      <Set name="gzip">true</Set>
    </New>
  </Set>
</Configure>
`,
    );
    port = await freePort();
    pier = await PierProcess.start(base, [
      '--module=http,deploy',
      `jetty.http.port=${port}`,
      'jetty.http.host=127.0.0.1',
      'jetty.deploy.scanInterval=0',
    ]);
  });
  after(async () => {
    if (pier) await pier.stop();
    removeBase(base);
  });

  it('serves the welcome file of the base for the context root, with the configured Cache-Control', async () => {
    const r = await request(port, '/static/');
    expect([r.status, r.body, r.headers['cache-control']]).to.deep.equal([200, '<h1>home</h1>', 'max-age=3600,public']);
    expect(r.headers['content-type']).to.match(/^text\/html/);
  });

  it('answers a byte range with 206 and a matching ETag with 304, as DefaultServlet does', async () => {
    const range = await request(port, '/static/a.txt', { headers: { Range: 'bytes=2-4' } });
    expect([range.status, range.body, range.headers['content-range']]).to.deep.equal([206, 'cde', 'bytes 2-4/26']);
    const full = await request(port, '/static/a.txt');
    const etag = full.headers.etag as string;
    expect(etag).to.match(/^W\/"/);
    expect((await request(port, '/static/a.txt', { headers: { 'If-None-Match': etag } })).status).to.equal(304);
  });

  it('lists a folder when directoriesListed is true, and redirects a folder without its slash', async () => {
    const listing = await request(port, '/static/sub/');
    expect(listing.status).to.equal(200);
    expect(listing.body).to.contain('<a href="/static/sub/b.txt">b.txt</a>');
    const redirect = await request(port, '/static/sub');
    expect(redirect.status).to.equal(302);
    expect(redirect.headers.location).to.match(/\/static\/sub\/$/);
  });

  it('serves the precompressed .gz file to a client that accepts gzip, and the plain file to others', async () => {
    const gz = await request(port, '/static/app.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(gz.headers.vary).to.match(/Accept-Encoding/);
    const plain = await request(port, '/static/app.js');
    expect([plain.headers['content-encoding'], plain.body]).to.deep.equal([undefined, 'console.log("plain");']);
  });

  it('passes a path it has no file for on (404), and serves nothing from WEB-INF or outside the base', async () => {
    expect((await request(port, '/static/missing.txt')).status).to.equal(404);
    expect((await request(port, '/static/WEB-INF/secret.txt')).status).to.equal(404);
    expect((await request(port, '/static/%2e%2e/outside.txt')).status).to.not.equal(200);
    expect((await request(port, '/static/../outside.txt')).body).to.not.equal('outside');
  });
});
