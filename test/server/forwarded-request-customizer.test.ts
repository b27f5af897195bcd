import { expect } from 'chai';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import { ForwardedRequestCustomizer } from '../../src/server/forwarded-request-customizer';
import { HttpConnectionFactory } from '../../src/server/http-connection-factory';
import type { Request } from '../../src/server/request';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { request, startServer } from './http-helpers';

class Where extends AbstractHandler {
  async handle(_t: string, base: Request, q: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    base.setHandled(true);
    res.getWriter().write(`${q.getScheme()} ${q.isSecure()} ${q.getServerName()}:${q.getServerPort()} ${q.getRemoteAddr()} ${q.getRequestURL()}`);
  }
}

describe('ForwardedRequestCustomizer', () => {
  async function through(headers: Record<string, string>): Promise<string> {
    const { server, port } = await startServer(new Where(), (_s, c) => {
      const f = c.getConnectionFactories()[0] as HttpConnectionFactory;
      f.getHttpConfiguration().addCustomizer(new ForwardedRequestCustomizer());
    });
    try {
      return (await request(port, '/p', { headers })).text;
    } finally {
      await server.stop();
    }
  }

  it('applies X-Forwarded-Proto, -Host and -For', async () => {
    expect(
      await through({ 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example.com', 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }),
    ).to.equal('https true shop.example.com:443 203.0.113.9 https://shop.example.com/p');
  });

  it('applies the RFC 7239 Forwarded header', async () => {
    expect(await through({ forwarded: 'for="[2001:db8::1]:4711";proto=https;host=a.example:8443' })).to.equal(
      'https true a.example:8443 2001:db8::1 https://a.example:8443/p',
    );
  });
});
