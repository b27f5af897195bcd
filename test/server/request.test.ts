import { expect } from 'chai';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import type { Request } from '../../src/server/request';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import type { HttpSession } from '../../src/servlet-api/http-session';
import { fakeBridge } from '../support/fake-session-bridge';
import { request, startServer } from './http-helpers';

/** A handler that runs `fn` and answers its JSON result. */
class Probe extends AbstractHandler {
  constructor(private readonly fn: (req: Request, res: HttpServletResponse) => unknown | Promise<unknown>) {
    super();
  }
  async handle(_t: string, base: Request, _req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    const out = await this.fn(base, res);
    res.setContentType('application/json');
    res.getWriter().write(JSON.stringify(out));
  }
}

async function probe(
  fn: (req: Request, res: HttpServletResponse) => unknown,
  path: string,
  options: Parameters<typeof request>[2] = {},
): Promise<unknown> {
  const { server, port } = await startServer(new Probe(fn));
  try {
    const r = await request(port, path, options);
    expect(r.status, r.text).to.equal(200);
    return JSON.parse(r.text);
  } finally {
    await server.stop();
  }
}

describe('Request', () => {
  it('splits the request line into method, URI, query and paths', async () => {
    const out = await probe(
      (r) => ({
        method: r.getMethod(),
        uri: r.getRequestURI(),
        query: r.getQueryString(),
        url: r.getRequestURL(),
        protocol: r.getProtocol(),
        scheme: r.getScheme(),
        secure: r.isSecure(),
        server: r.getServerName(),
        remote: r.getRemoteAddr(),
        local: r.getLocalPort() > 0,
      }),
      '/a/b%20c?x=1&y=2',
    );
    expect(out).to.deep.include({
      method: 'GET',
      uri: '/a/b%20c',
      query: 'x=1&y=2',
      protocol: 'HTTP/1.1',
      scheme: 'http',
      secure: false,
      server: '127.0.0.1',
      remote: '127.0.0.1',
      local: true,
    });
    expect((out as { url: string }).url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/a\/b%20c$/);
  });

  it('merges query and urlencoded form parameters, query first', async () => {
    const out = await probe(
      (r) => ({
        a: r.getParameterValues('a'),
        b: r.getParameter('b'),
        space: r.getParameter('s'),
        names: r.getParameterNames(),
      }),
      '/p?a=1&s=x+y',
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=2&b=%C3%A9t%C3%A9',
      },
    );
    expect(out).to.deep.equal({ a: ['1', '2'], b: 'été', space: 'x y', names: ['a', 's', 'b'] });
  });

  it('decodes raw UTF-8 in a form body', async () => {
    const out = await probe((r) => r.getParameter('name'), '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('name=Zoë+Ω', 'utf8'),
    });
    expect(out).to.equal('Zoë Ω');
  });

  it('keeps the body readable as text after the form was parsed', async () => {
    const out = await probe(async (r) => ({ p: r.getParameter('k'), text: await r.text() }), '/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'k=v',
    });
    expect(out).to.deep.equal({ p: 'v', text: 'k=v' });
  });

  it('reads a JSON body and refuses one over the size limit with 413', async () => {
    const out = await probe(async (r) => r.json(), '/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' });
    expect(out).to.deep.equal({ a: [1, 2] });
    const { server, port } = await startServer(
      new Probe(async (r) => {
        r.setMaxBodySize(10);
        return r.text();
      }),
    );
    try {
      const r = await request(port, '/', { method: 'POST', body: 'x'.repeat(100) });
      expect(r.status).to.equal(413);
    } finally {
      await server.stop();
    }
  });

  it('orders Accept-Language locales by preference', async () => {
    const out = await probe((r) => ({ locale: r.getLocale(), locales: r.getLocales() }), '/', {
      headers: { 'accept-language': 'fr;q=0.5, de-CH, en;q=0.8, *;q=0.1' },
    });
    expect(out).to.deep.equal({ locale: 'de-CH', locales: ['de-CH', 'en', 'fr'] });
    expect(await probe((r) => r.getLocale(), '/')).to.equal('en');
  });

  it('parses cookies in order, keeping duplicates', async () => {
    const out = await probe((r) => r.getCookies().map((c) => `${c.getName()}=${c.getValue()}`), '/', {
      headers: { cookie: 'JSESSIONID=a; other=b c; JSESSIONID=z' },
    });
    expect(out).to.deep.equal(['JSESSIONID=a', 'other=b c', 'JSESSIONID=z']);
  });

  it('reads ;jsessionid= path parameters but keeps them out of the path', async () => {
    const out = await probe(
      (r) => ({
        uri: r.getRequestURI(),
        path: r.getPathInContextRoot(),
        id: r.getUriPathParameter('jsessionid'),
      }),
      '/shop/cart;jsessionid=abc123.node0?item=1',
    );
    expect(out).to.deep.equal({ uri: '/shop/cart;jsessionid=abc123.node0', path: '/shop/cart', id: 'abc123.node0' });
  });

  it('getSession(true) asks the session bridge and sets its cookie; changeSessionId renews it', async () => {
    const bridge = fakeBridge();
    const { server, port } = await startServer(
      new Probe((r) => {
        r.setSessionHandler(bridge);
        const none = r.getSession(false);
        const s = r.getSession(true) as HttpSession;
        const first = s.getId();
        const renewed = r.changeSessionId();
        return { none, first, renewed, same: r.getSession(false) === s };
      }),
    );
    try {
      const r = await request(port, '/');
      expect(JSON.parse(r.text)).to.deep.equal({ none: null, first: 's1', renewed: 's2', same: true });
      expect(r.headers['set-cookie']).to.deep.equal(['JSESSIONID=s2.node0; Path=/']);
    } finally {
      await server.stop();
    }
  });

  it('getSession(true) without a session handler fails with IllegalStateException', async () => {
    const out = await probe((r) => {
      try {
        r.getSession(true);
        return 'no error';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    }, '/');
    expect(out).to.equal('IllegalStateException: Cannot create session: no SessionManager in scope');
  });

  it('reports where the requested session id came from', async () => {
    const out = await probe((r) => {
      r.setRequestedSessionId('abc.node0');
      r.setRequestedSessionIdFromCookie(false);
      return { fromUrl: r.isRequestedSessionIdFromURL(), fromCookie: r.isRequestedSessionIdFromCookie(), valid: r.isRequestedSessionIdValid() };
    }, '/');
    expect(out).to.deep.equal({ fromUrl: true, fromCookie: false, valid: false });
  });
});

describe('Request body streaming', () => {
  it('getInputStream() streams a large upload without buffering it in the request', async () => {
    const { server, port } = await startServer(
      new Probe(async (r) => {
        let bytes = 0;
        for await (const chunk of r.getInputStream()) bytes += (chunk as Buffer).length;
        return bytes;
      }),
    );
    try {
      const r = await request(port, '/', { method: 'PUT', body: Buffer.alloc(3 * 1024 * 1024, 7) });
      expect(JSON.parse(r.text)).to.equal(3 * 1024 * 1024);
    } finally {
      await server.stop();
    }
  });
});
