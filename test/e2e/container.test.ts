/**
 * The container as a user runs it: a temporary jetty.base, `bin/start` as a child process, real HTTP,
 * hot redeploy and undeploy, and a graceful SIGTERM.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PierProcess, eventually, freePort, request, writeIn } from '../support/pier-process';

const WEB_XML = `<?xml version="1.0" encoding="UTF-8"?>
<web-app xmlns="http://xmlns.jcp.org/xml/ns/javaee" version="3.1">
  <context-param><param-name>greeting</param-name><param-value>ahoy</param-value></context-param>
  <listener><listener-class>com.example.GreetingListener</listener-class></listener>
  <filter>
    <filter-name>stamp</filter-name><filter-class>com.example.StampFilter</filter-class>
    <init-param><param-name>value</param-name><param-value>stamped</param-value></init-param>
  </filter>
  <filter-mapping><filter-name>stamp</filter-name><url-pattern>/*</url-pattern></filter-mapping>
  <servlet><servlet-name>hello</servlet-name><servlet-class>com.example.HelloServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/hello</url-pattern></servlet-mapping>
</web-app>
`;

function servlet(word: string): string {
  return `'use strict';
class HelloServlet {
  doGet(req, res) {
    res.setContentType('text/plain');
    res.getWriter().print('${word} ' + req.getServletContext().getAttribute('greeting') + ' from ' + req.getContextPath());
  }
}
module.exports = { HelloServlet };
`;
}

const FILTER = `'use strict';
class StampFilter {
  init(config) { this.value = config.getInitParameter('value'); }
  async doFilter(req, res, chain) { res.setHeader('X-Stamp', this.value); await chain.doFilter(req, res); }
}
module.exports = { StampFilter };
`;

const LISTENER = `'use strict';
class GreetingListener {
  contextInitialized(event) {
    const ctx = event.getServletContext();
    ctx.setAttribute('greeting', ctx.getInitParameter('greeting'));
  }
}
module.exports = { GreetingListener };
`;

function writeApp(base: string, folder: string): void {
  writeIn(base, `${folder}/WEB-INF/web.xml`, WEB_XML);
  writeIn(base, `${folder}/WEB-INF/classes/com/example/HelloServlet.js`, servlet('hello'));
  writeIn(base, `${folder}/WEB-INF/classes/com/example/StampFilter.js`, FILTER);
  writeIn(base, `${folder}/WEB-INF/classes/com/example/GreetingListener.js`, LISTENER);
  writeIn(base, `${folder}/index.html`, '<h1>static</h1>');
}

describe('A jetty.base run by bin/start', function () {
  this.timeout(90_000);
  let base: string;
  let port: number;
  let pier: PierProcess | undefined;

  beforeEach(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-e2e-'));
    port = await freePort();
    writeIn(base, 'start.d/http.ini', `--module=http\njetty.http.host=127.0.0.1\njetty.http.port=${port}\n`);
    writeIn(base, 'start.d/deploy.ini', '--module=deploy\njetty.deploy.scanInterval=1\n');
    // An app folder deployed as it is, and one deployed through a context XML.
    writeApp(base, 'webapps/shop');
    writeApp(base, 'apps/tools');
    writeIn(
      base,
      'webapps/tools.xml',
      `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">
<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/admin-tools</Set>
  <Set name="war"><Property name="jetty.base"/>/apps/tools</Set>
</Configure>
`,
    );
  });

  afterEach(() => {
    pier?.kill();
    pier = undefined;
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('deploys an app folder and a context XML, serving servlet, filter, listener and static file', async () => {
    pier = await PierProcess.start(base);
    const hello = await request(port, '/shop/hello');
    expect(hello.status).to.equal(200);
    expect(hello.body).to.equal('hello ahoy from /shop');
    expect(hello.headers['x-stamp']).to.equal('stamped');
    expect((await request(port, '/shop/')).body).to.equal('<h1>static</h1>');
    const tools = await request(port, '/admin-tools/hello');
    expect(tools.body).to.equal('hello ahoy from /admin-tools');
    expect(await pier.stop('SIGTERM')).to.equal(0);
  });

  it('redeploys an app whose servlet code changed, and undeploys one that is removed', async () => {
    pier = await PierProcess.start(base);
    expect((await request(port, '/shop/hello')).body).to.equal('hello ahoy from /shop');

    writeIn(base, 'webapps/shop/WEB-INF/classes/com/example/HelloServlet.js', servlet('bonjour'));
    await eventually(async () => (await request(port, '/shop/hello')).body === 'bonjour ahoy from /shop', 20_000, 'the redeployed servlet');

    fs.rmSync(path.join(base, 'webapps', 'shop'), { recursive: true, force: true });
    await eventually(async () => (await request(port, '/shop/hello')).status === 404, 20_000, 'the undeploy');
    // The other app keeps serving.
    expect((await request(port, '/admin-tools/hello')).status).to.equal(200);
    expect(await pier.stop('SIGTERM')).to.equal(0);
  });

  it('lets a request in flight finish when SIGTERM arrives, then exits 0', async () => {
    writeIn(
      base,
      'webapps/shop/WEB-INF/classes/com/example/HelloServlet.js',
      `'use strict';
class HelloServlet {
  async doGet(req, res) {
    await new Promise((r) => setTimeout(r, 700));
    res.getWriter().print('finished');
  }
}
module.exports = { HelloServlet };
`,
    );
    pier = await PierProcess.start(base);
    const slow = request(port, '/shop/hello');
    await new Promise((r) => setTimeout(r, 200));
    const exited = pier.stop('SIGTERM');
    const res = await slow;
    expect(res.status).to.equal(200);
    expect(res.body).to.equal('finished');
    expect(await exited).to.equal(0);
    await eventually(
      async () => {
        try {
          await request(port, '/shop/hello');
          return false;
        } catch {
          return true;
        }
      },
      5_000,
      'the port to refuse connections',
    );
  });
});
