/**
 * Form and body limits: maxFormContentSize and maxFormKeys from the context (its XML or jetty-web.xml),
 * else the Server's attributes, else 200000 / 1000; over a limit getParameter() fails with Jetty's 400
 * "Unable to parse form content" and the connection closes. The cap on buffer()/text()/json() is
 * maxRequestContentSize, looked up the same way (10 MB by default).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import '../../src/server';
import '../../src/servlet';
import { AbstractHandler } from '../../src/server/handler/abstract-handler';
import type { Request } from '../../src/server/request';
import type { Server } from '../../src/server/server';
import { HttpServlet } from '../../src/servlet-api/http-servlet';
import type { HttpServletRequest } from '../../src/servlet-api/http-servlet-request';
import type { HttpServletResponse } from '../../src/servlet-api/http-servlet-response';
import { ServletContextHandler } from '../../src/servlet/servlet-context-handler';
import { WebAppContext } from '../../src/webapp/web-app-context';
import { rawRequest, request, startServer, type TestServer } from './http-helpers';

/** Answers `<parameter a> <number of parameter names>`, or the size of the text body for /text. */
class FormServlet extends HttpServlet {
  protected override async doPost(req: HttpServletRequest, res: HttpServletResponse): Promise<void> {
    if (req.getServletPath() === '/text') {
      res.getWriter().write(String((await (req as unknown as Request).text()).length));
      return;
    }
    res.getWriter().write(`${req.getParameter('a')} ${req.getParameterNames().length}`);
  }
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
function keys(n: number, prefix = 'k'): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}=1`).join('&');
}
function post(port: number, path: string, body: string, headers: Record<string, string> = FORM) {
  return request(port, path, { method: 'POST', headers, body });
}

/** POSTs on a kept-alive HTTP/1.1 connection, so that closing it is the server's own decision; the raw answer. */
function postKeepAlive(port: number, path: string, body: string, type = FORM['content-type']) {
  return rawRequest(port, `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

describe('Form and body limits', () => {
  let ts: TestServer | null = null;
  afterEach(async () => {
    if (ts) await ts.server.stop();
    ts = null;
  });

  async function serveContext(configure: (ctx: ServletContextHandler) => void = () => undefined, server?: (s: Server) => void): Promise<number> {
    const ctx = new ServletContextHandler();
    ctx.setContextPath('/');
    ctx.addServlet(FormServlet, '/form');
    ctx.addServlet(FormServlet, '/text');
    configure(ctx);
    ts = await startServer(ctx, (s) => server?.(s));
    return ts.port;
  }

  it('accepts 1000 distinct names and any number of repeats of one name', async () => {
    const port = await serveContext();
    expect((await post(port, '/form', `a=x&${keys(999)}`)).text).to.equal('x 1000');
    expect((await post(port, '/form', Array(1500).fill('a=1').join('&'))).text).to.equal('1 1');
  });

  it('refuses a form with 1001 distinct names with 400 "Unable to parse form content" and closes the connection, as Jetty', async () => {
    const port = await serveContext();
    const r = await postKeepAlive(port, '/form', keys(1001));
    expect(r.text).to.match(/^HTTP\/1\.1 400 /);
    expect(r.text).to.contain('Unable to parse form content');
    expect(r.text).to.match(/\r\nConnection: close\r\n/i);
    expect(r.closed).to.equal(true);
  });

  it('refuses a form larger than 200000 bytes with 400 without reading it, and closes the connection', async () => {
    const port = await serveContext();
    const r = await postKeepAlive(port, '/form', `a=1&b=${'x'.repeat(200_000)}`);
    expect(r.text).to.match(/^HTTP\/1\.1 400 /);
    expect(r.text).to.contain('Unable to parse form content');
    expect(r.text).to.match(/\r\nConnection: close\r\n/i);
    expect(r.closed).to.equal(true);
    expect((await post(port, '/form', `a=1&b=${'x'.repeat(199_990)}`)).text).to.equal('1 2');
  });

  it("applies the context's own maxFormContentSize and maxFormKeys before the Server's attributes", async () => {
    const port = await serveContext(
      (ctx) => {
        ctx.setMaxFormKeys(2);
        ctx.setMaxFormContentSize(20);
      },
      (s) => {
        s.setAttribute('org.eclipse.jetty.server.Request.maxFormKeys', 100);
        s.setAttribute('org.eclipse.jetty.server.Request.maxFormContentSize', 5);
      },
    );
    expect((await post(port, '/form', 'a=1&b=2')).text).to.equal('1 2');
    expect((await post(port, '/form', 'a=1&b=2&c=3')).status).to.equal(400);
    expect((await post(port, '/form', `a=${'x'.repeat(30)}`)).status).to.equal(400);
  });

  it("uses the Server's attributes org.eclipse.jetty.server.Request.maxFormKeys / maxFormContentSize when the context sets none", async () => {
    const port = await serveContext(
      () => undefined,
      (s) => {
        s.setAttribute('org.eclipse.jetty.server.Request.maxFormKeys', '3');
        s.setAttribute('org.eclipse.jetty.server.Request.maxFormContentSize', 40);
      },
    );
    expect((await post(port, '/form', 'a=1&b=2&c=3')).text).to.equal('1 3');
    expect((await post(port, '/form', 'a=1&b=2&c=3&d=4')).status).to.equal(400);
    expect((await post(port, '/form', `a=${'x'.repeat(50)}`)).status).to.equal(400);
  });

  it('takes the limits from a context XML', async () => {
    const ctx = new ServletContextHandler();
    XmlConfiguration.fromString(
      `<?xml version="1.0"?>
<Configure class="org.eclipse.jetty.servlet.ServletContextHandler">
  <Set name="contextPath">/xml</Set>
  <Set name="maxFormKeys">1</Set>
  <Set name="maxFormContentSize">100</Set>
</Configure>`,
      'ctx.xml',
    ).configure(ctx);
    ctx.addServlet(FormServlet, '/form');
    ts = await startServer(ctx);
    expect((await post(ts.port, '/xml/form', 'a=1')).text).to.equal('1 1');
    expect((await post(ts.port, '/xml/form', 'a=1&b=2')).status).to.equal(400);
  });

  it('takes the limits from WEB-INF/jetty-web.xml', async () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-form-'));
    try {
      fs.mkdirSync(path.join(app, 'WEB-INF', 'classes'), { recursive: true });
      fs.writeFileSync(
        path.join(app, 'WEB-INF', 'web.xml'),
        `<?xml version="1.0"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <servlet><servlet-name>f</servlet-name><servlet-class>FormEcho</servlet-class></servlet>
  <servlet-mapping><servlet-name>f</servlet-name><url-pattern>/form</url-pattern></servlet-mapping>
</web-app>`,
      );
      fs.writeFileSync(
        path.join(app, 'WEB-INF', 'jetty-web.xml'),
        `<?xml version="1.0"?>
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="maxFormKeys">2</Set>
</Configure>`,
      );
      fs.writeFileSync(
        path.join(app, 'WEB-INF', 'classes', 'FormEcho.js'),
        `'use strict';
class FormEcho { doPost(req, res) { res.getWriter().write(req.getParameter('a') + ' ' + req.getParameterNames().length); } }
module.exports = { FormEcho };`,
      );
      const webapp = new WebAppContext(app, '/app');
      webapp.setDefaultsDescriptor(null);
      ts = await startServer(webapp);
      expect((await post(ts.port, '/app/form', 'a=1&b=2')).text).to.equal('1 2');
      expect((await post(ts.port, '/app/form', 'a=1&b=2&c=3')).status).to.equal(400);
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it("caps buffer()/text()/json() at maxRequestContentSize: the context's, else the Server attribute's, with 413", async () => {
    const port = await serveContext(
      (ctx) => ctx.setMaxRequestContentSize(100),
      (s) => {
        s.setAttribute('org.eclipse.jetty.server.Request.maxRequestContentSize', 10);
      },
    );
    expect((await post(port, '/text', 'x'.repeat(100), {})).text).to.equal('100');
    const r = await postKeepAlive(port, '/text', 'x'.repeat(101), 'application/octet-stream');
    expect(r.text).to.match(/^HTTP\/1\.1 413 /);
    expect(r.text).to.match(/\r\nConnection: close\r\n/i);
    expect(r.closed).to.equal(true);
    await ts!.server.stop();
    const port2 = await serveContext(
      () => undefined,
      (s) => s.setAttribute('org.eclipse.jetty.server.Request.maxRequestContentSize', 10),
    );
    expect((await post(port2, '/text', 'x'.repeat(11), {})).status).to.equal(413);
  });

  it("reads forms for handlers outside any context with the Server's limits", async () => {
    class Plain extends AbstractHandler {
      async handle(_t: string, base: Request, _q: HttpServletRequest, res: HttpServletResponse): Promise<void> {
        base.setHandled(true);
        res.getWriter().write(`${base.getParameter('a')}`);
      }
    }
    ts = await startServer(new Plain(), (s) => s.setAttribute('org.eclipse.jetty.server.Request.maxFormKeys', 1));
    expect((await post(ts.port, '/', 'a=1')).text).to.equal('1');
    expect((await post(ts.port, '/', 'a=1&b=2')).status).to.equal(400);
  });
});
