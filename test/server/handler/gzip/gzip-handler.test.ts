import { expect } from 'chai';
import * as zlib from 'node:zlib';
import { AbstractHandler } from '../../../../src/server/handler/abstract-handler';
import { GzipHandler, acceptsGzip } from '../../../../src/server/handler/gzip/gzip-handler';
import type { Request } from '../../../../src/server/request';
import type { HttpServletRequest } from '../../../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../../../src/servlet-api/http-servlet-response';
import { request, startServer } from '../../http-helpers';

const BIG = 'pier '.repeat(2000);

class Content extends AbstractHandler {
  async handle(target: string, base: Request, _q: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    if (target === '/small') {
      res.setContentType('text/plain');
      res.getWriter().write('tiny');
      return;
    }
    if (target === '/image.png') {
      res.setContentType('image/png');
      res.getOutputStream().write(Buffer.from(BIG));
      return;
    }
    if (target === '/stream') {
      res.setContentType('text/plain');
      res.setBufferSize(100);
      for (let i = 0; i < 50; i++) res.getWriter().write(BIG.slice(0, 500));
      return;
    }
    res.setContentType('text/html');
    res.getWriter().write(BIG);
  }
}

async function withGzip<T>(fn: (port: number) => Promise<T>, configure?: (g: GzipHandler) => void): Promise<T> {
  const gzip = new GzipHandler();
  configure?.(gzip);
  gzip.setHandler(new Content());
  const { server, port } = await startServer(gzip);
  try {
    return await fn(port);
  } finally {
    await server.stop();
  }
}

describe('GzipHandler', () => {
  it('compresses a large text response for a client that accepts gzip', async () => {
    await withGzip(async (port) => {
      const r = await request(port, '/page', { headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(r.headers['content-encoding']).to.equal('gzip');
      expect(r.headers.vary).to.equal('Accept-Encoding');
      expect(zlib.gunzipSync(r.body).toString()).to.equal(BIG);
      expect(r.body.length).to.be.lessThan(BIG.length);
    });
  });

  it('compresses a response that was committed while streaming', async () => {
    await withGzip(async (port) => {
      const r = await request(port, '/stream', { headers: { 'accept-encoding': 'gzip' } });
      expect(r.headers['content-encoding']).to.equal('gzip');
      expect(zlib.gunzipSync(r.body).toString()).to.equal(BIG.slice(0, 500).repeat(50));
    });
  });

  it('leaves small responses, images, other methods and non-accepting clients alone', async () => {
    await withGzip(async (port) => {
      const small = await request(port, '/small', { headers: { 'accept-encoding': 'gzip' } });
      expect(small.headers['content-encoding']).to.equal(undefined);
      expect(small.text).to.equal('tiny');
      const image = await request(port, '/image.png', { headers: { 'accept-encoding': 'gzip' } });
      expect(image.headers['content-encoding']).to.equal(undefined);
      const post = await request(port, '/page', { method: 'POST', headers: { 'accept-encoding': 'gzip' }, body: '' });
      expect(post.headers['content-encoding']).to.equal(undefined);
      const plain = await request(port, '/page');
      expect(plain.headers['content-encoding']).to.equal(undefined);
      expect(plain.headers.vary).to.equal('Accept-Encoding');
      expect(plain.text).to.equal(BIG);
    });
  });

  it('honours excluded paths and excluded user agents', async () => {
    await withGzip(
      async (port) => {
        expect((await request(port, '/raw/page', { headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).to.equal(undefined);
        expect(
          (await request(port, '/page', { headers: { 'accept-encoding': 'gzip', 'user-agent': 'Mozilla/4.0 (compatible; MSIE 6.0; Windows)' } }))
            .headers['content-encoding'],
        ).to.equal(undefined);
      },
      (g) => {
        g.setExcludedPaths(['/raw/*']);
        g.setExcludedAgentPatterns(['.*MSIE.6\\.0.*']);
      },
    );
  });

  it('reads Accept-Encoding q-values', () => {
    expect(acceptsGzip('gzip;q=0')).to.equal(false);
    expect(acceptsGzip('br, gzip;q=0.5')).to.equal(true);
    expect(acceptsGzip('*')).to.equal(true);
    expect(acceptsGzip('identity')).to.equal(false);
  });
});
