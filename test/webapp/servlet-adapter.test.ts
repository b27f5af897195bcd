/**
 * Tests for driving plain JavaScript classes as servlets and filters.
 * @module
 */
import { expect } from 'chai';
import { asFilter, asServlet, PlainServletAdapter } from '../../src/webapp/servlet-adapter';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';

/** The few request/response methods the adapter touches, recorded. */
function exchange(method: string): { req: HttpServletRequest; res: HttpServletResponse; sent: unknown[] } {
  const sent: unknown[] = [];
  const req = { getMethod: () => method } as unknown as HttpServletRequest;
  const res = {
    sendError: (code: number) => {
      sent.push(code);
    },
    setHeader: (name: string, value: string) => {
      sent.push(`${name}: ${value}`);
    },
  } as unknown as HttpServletResponse;
  return { req, res, sent };
}

describe('asServlet()', () => {
  it('dispatches on the method to doGet/doPost of a plain class', async () => {
    const calls: string[] = [];
    const servlet = asServlet(
      new (class {
        doGet() {
          calls.push('get');
        }
        async doPost() {
          calls.push('post');
        }
      })(),
    );
    await servlet.service(exchange('GET').req, exchange('GET').res);
    await servlet.service(exchange('POST').req, exchange('POST').res);
    expect(calls).to.deep.equal(['get', 'post']);
  });

  it('runs doGet for HEAD, answers OPTIONS with Allow, 405 for a missing method and 501 for an unknown one', async () => {
    const calls: string[] = [];
    const servlet = asServlet(
      new (class {
        doGet() {
          calls.push('get');
        }
      })(),
    );
    await servlet.service(exchange('HEAD').req, exchange('HEAD').res);
    expect(calls).to.deep.equal(['get']);
    const options = exchange('OPTIONS');
    await servlet.service(options.req, options.res);
    expect(options.sent).to.deep.equal(['Allow: GET, HEAD, OPTIONS']);
    const put = exchange('PUT');
    await servlet.service(put.req, put.res);
    expect(put.sent).to.deep.equal([405]);
    const brew = exchange('BREW');
    await servlet.service(brew.req, brew.res);
    expect(brew.sent).to.deep.equal([501]);
  });

  it('calls init and destroy when the class has them, and wraps nothing that is already a servlet', async () => {
    const seen: string[] = [];
    const plain = new (class {
      init(c: unknown) {
        seen.push(`init ${String(c)}`);
      }
      destroy() {
        seen.push('destroy');
      }
    })();
    const servlet = asServlet(plain);
    expect(servlet).to.be.instanceOf(PlainServletAdapter);
    await servlet.init('cfg' as never);
    await servlet.destroy();
    expect(seen).to.deep.equal(['init cfg', 'destroy']);
    const real = {
      init() {
        /* */
      },
      service() {
        /* */
      },
      destroy() {
        /* */
      },
    };
    expect(asServlet(real)).to.equal(real);
  });
});

describe('asServlet() with HttpServlet subclasses', () => {
  it('uses an HttpServlet subclass as it is', () => {
    const servlet = new (class extends HttpServlet {})();
    expect(asServlet(servlet)).to.equal(servlet);
  });
});

describe('asFilter()', () => {
  it('refuses a class without doFilter, naming it', () => {
    expect(() => asFilter({}, 'com.example.NotAFilter')).to.throw(
      TypeError,
      "Cannot use 'com.example.NotAFilter' as a filter: it has no doFilter(request, response, chain) method",
    );
  });
});
