/**
 * `bin/start --dev`: editing a servlet reloads its web app, and the counter kept in the session keeps counting.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PierProcess, eventually, freePort, request, writeIn } from '../support/pier-process';

function counterServlet(label: string): string {
  return `'use strict';
class CounterServlet {
  doGet(req, res) {
    const session = req.getSession(true);
    const n = (session.getAttribute('n') || 0) + 1;
    session.setAttribute('n', n);
    res.setContentType('text/plain');
    res.getWriter().print('${label} n=' + n);
  }
}
module.exports = { CounterServlet };
`;
}

describe('bin/start --dev', function () {
  this.timeout(60_000);
  let base: string;
  let pier: PierProcess | undefined;

  afterEach(() => {
    pier?.kill();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('reloads a web app whose servlet was edited, and the session counter keeps counting', async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-dev-'));
    const port = await freePort();
    writeIn(base, 'start.d/http.ini', `--module=http\njetty.http.host=127.0.0.1\njetty.http.port=${port}\n`);
    // The deployer does not rescan: reloading is dev mode's job here.
    writeIn(base, 'start.d/deploy.ini', '--module=deploy\njetty.deploy.scanInterval=0\n');
    writeIn(base, 'start.d/session-store-file.ini', '--module=session-store-file\njetty.session.file.storeDir=${jetty.base}/sessions\n');
    writeIn(
      base,
      'webapps/counter/WEB-INF/web.xml',
      `<web-app>
  <servlet><servlet-name>c</servlet-name><servlet-class>org.example.CounterServlet</servlet-class></servlet>
  <servlet-mapping><servlet-name>c</servlet-name><url-pattern>/count</url-pattern></servlet-mapping>
</web-app>
`,
    );
    writeIn(base, 'webapps/counter/WEB-INF/classes/org/example/CounterServlet.js', counterServlet('v1'));

    pier = await PierProcess.start(base, ['--dev']);
    await eventually(async () => /Dev mode: watching 1 web app folder/.test(pier!.stdout), 10_000, 'the dev mode line');
    const first = await request(port, '/counter/count');
    const cookie = String(first.headers['set-cookie']?.[0] ?? '').split(';')[0];
    expect(first.body).to.equal('v1 n=1');
    expect((await request(port, '/counter/count', { headers: { Cookie: cookie } })).body).to.equal('v1 n=2');

    writeIn(base, 'webapps/counter/WEB-INF/classes/org/example/CounterServlet.js', counterServlet('v2'));
    await eventually(async () => /Reloaded \/counter/.test(pier!.stdout), 20_000, 'the reload');
    const after = await request(port, '/counter/count', { headers: { Cookie: cookie } });
    expect(after.body).to.equal('v2 n=3');
    expect(await pier.stop('SIGTERM')).to.equal(0);
  });
});
