/**
 * The messages a newcomer meets in the first hour, read from the real launcher (`bin/start` in a
 * temporary jetty.base): each failure said once, at the right level, where the mistake is.
 * @module
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, PierProcess, eventually, freePort, repoRoot, request, writeIn } from '../support/pier-process';

const WEB_XML = (cls: string): string => `<web-app>
  <servlet><servlet-name>s</servlet-name><servlet-class>${cls}</servlet-class><load-on-startup>1</load-on-startup></servlet>
  <servlet-mapping><servlet-name>s</servlet-name><url-pattern>/*</url-pattern></servlet-mapping>
</web-app>
`;

/** A servlet with a missing `)` on line 3, column 29. */
const TYPO_SERVLET = 'class Typo {\n  doGet(req, res) {\n    res.getWriter().println("x"\n  }\n}\nmodule.exports = { Typo };\n';

/** A servlet that appends a line to `initLog` each time it is initialised (each start of its app). */
function countingServlet(initLog: string, label: string): string {
  return `class Hello {
  init() { require('node:fs').appendFileSync(${JSON.stringify(initLog)}, '${label}\\n'); }
  doGet(req, res) { res.getWriter().print('${label}'); }
}
module.exports = { Hello };
`;
}

const BROKEN_CONTEXT_XML = `<Configure class="org.eclipse.jetty.webapp.WebAppContext">
  <Set name="contextPath">/broken</Set>
  <Set name="bogus">1</Set>
</Configure>
`;

/** The log lines (stderr) that mention `text`. */
function linesWith(output: string, text: string): string[] {
  return output.split('\n').filter((l) => l.includes(text));
}

/** Runs `bin/start args` in `base` to its end (for starts that must fail). */
function runToEnd(base: string, args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'start'), ...args], {
    cwd: base,
    env: { ...process.env, PIER_DIST: DIST },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('The first hour with bin/start', function () {
  this.timeout(60_000);
  let base: string;
  let port: number;
  let pier: PierProcess | undefined;

  async function newBase(): Promise<void> {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-first-hour-'));
    port = await freePort();
    writeIn(base, 'start.ini', `--module=http\njetty.http.port=${port}\n--module=deploy\n`);
  }

  function cleanUp(): void {
    pier?.kill();
    pier = undefined;
    fs.rmSync(base, { recursive: true, force: true });
  }

  describe('a base with a servlet that has a syntax error, then a broken context XML dropped in while it runs', () => {
    let xml: string;
    before(async function () {
      this.timeout(60_000);
      await newBase();
      writeIn(base, 'webapps/typo/WEB-INF/web.xml', WEB_XML('Typo'));
      writeIn(base, 'webapps/typo/WEB-INF/classes/Typo.js', TYPO_SERVLET);
      pier = await PierProcess.start(base);
      xml = path.join(base, 'webapps', 'broken.xml');
      fs.writeFileSync(xml, BROKEN_CONTEXT_XML);
      await eventually(async () => pier!.stderr.includes(`Cannot deploy '${xml}'`), 15_000, 'the failed deploy');
      // a good app added after it deploys only once the scanner is done with broken.xml
      writeIn(base, 'webapps/late/WEB-INF/web.xml', WEB_XML('Hello'));
      writeIn(base, 'webapps/late/WEB-INF/classes/Hello.js', countingServlet(path.join(base, 'inits'), 'late'));
      await eventually(async () => (await request(port, '/late/')).body === 'late', 15_000, '/late to deploy');
    });
    after(cleanUp);

    it('logs the failed web app once, as a WARN line with the file:line:column of the mistake', () => {
      const file = path.join(base, 'webapps', 'typo', 'WEB-INF', 'classes', 'Typo.js');
      const lines = linesWith(pier!.stderr, 'missing ) after argument list');
      expect(lines, pier!.stderr).to.have.length(1);
      expect(lines[0]).to.match(/^\S+ \S+:WARN:oejw\.WebAppContext:main: Failed startup of context /);
      expect(lines[0]).to.contain(`Cannot load class 'Typo' from ${file}:3:29: SyntaxError: missing ) after argument list`);
      expect(pier!.stdout).to.not.contain('missing )');
    });

    it('lists the failed web app as Not Available on the 404 page, while the app answers 503', async () => {
      expect((await request(port, '/typo/')).status).to.equal(503);
      const page = await request(port, '/');
      expect(page.status).to.equal(404);
      expect(page.body).to.contain('<tr><td><a href="/typo/">/typo</a></td><td>typo&nbsp;</td><td><em>Not</em> Available</td><td>FAILED</td></tr>');
    });

    it('logs the context XML that failed to hot deploy as one WARN line of the DeploymentManager', () => {
      const lines = linesWith(pier!.stderr, "Cannot set 'bogus'");
      expect(lines, pier!.stderr).to.have.length(1);
      const quoted = xml.replace(/[.]/g, '\\.');
      expect(lines[0]).to.match(
        new RegExp(
          `^\\S+ \\S+:WARN:oejd\\.DeploymentManager:main: Cannot deploy '${quoted}' \\(goal started\\): ${quoted}:3:3: Cannot set 'bogus' on org\\.eclipse\\.jetty\\.webapp\\.WebAppContext`,
        ),
      );
    });

    it('logs no failure at INFO (no level word inside an INFO line)', () => {
      expect(pier!.stderr.split('\n').filter((l) => /:INFO:.*\b(WARN|ERROR)\b/.test(l))).to.deep.equal([]);
    });

    it("logs the address the connector is bound to, as Jetty's AbstractConnector does: 0.0.0.0 when listening on every address", () => {
      expect(pier!.stderr).to.match(
        new RegExp(
          `:INFO:oejs\\.AbstractConnector:main: Started ServerConnector@[0-9a-f]+\\{HTTP/1\\.1, \\(http/1\\.1\\)\\}\\{0\\.0\\.0\\.0:${port}\\}\n`,
        ),
      );
      expect(pier!.stderr).to.match(/:INFO:oejs\.Server:main: Started @\d+ms\n/);
      expect(pier!.stderr).to.not.contain('127.0.0.1');
    });
  });

  describe('a start that fails', () => {
    beforeEach(newBase);
    afterEach(cleanUp);

    it('is said once for a context XML that fails at start: one ERROR line, not a WARN line too', () => {
      writeIn(base, 'webapps/broken.xml', BROKEN_CONTEXT_XML);
      const { status, stderr } = runToEnd(base, []);
      expect(status).to.equal(2);
      expect(linesWith(stderr, "Cannot set 'bogus'"), stderr).to.deep.equal([
        `ERROR : Cannot start DeploymentManager: ${path.join(base, 'webapps', 'broken.xml')}:3:3: Cannot set 'bogus' on org.eclipse.jetty.webapp.WebAppContext: no setter setBogus(...) and no public field 'bogus' on org.eclipse.jetty.webapp.WebAppContext`,
      ]);
    });

    describe('on a jetty.http.port that is not a number', () => {
      const etcHttp = path.join(repoRoot(), 'etc', 'jetty-http.xml');
      const expected = (value: string, where: string): string =>
        `ERROR : Cannot use property jetty.http.port=${value} set ${where}: Cannot set 'port' on org.eclipse.jetty.server.ServerConnector: Cannot convert '${value}' to Integer: not a valid Integer literal (applied at ${etcHttp}:24:9)`;

      it('blames the command line argument that set it', () => {
        const { status, stderr } = runToEnd(base, ['jetty.http.port=80x']);
        expect(status).to.equal(2);
        expect(linesWith(stderr, 'ERROR')).to.deep.equal([expected('80x', 'on the command line')]);
      });

      it("blames start.ini's line", () => {
        writeIn(base, 'start.ini', '--module=http\n--module=deploy\njetty.http.port=80x\n');
        expect(linesWith(runToEnd(base, []).stderr, 'ERROR')).to.deep.equal([expected('80x', 'in ${jetty.base}/start.ini:3')]);
      });

      it('blames the start.d file and line', () => {
        writeIn(base, 'start.ini', '--module=http\n--module=deploy\n');
        writeIn(base, 'start.d/port.ini', '# the port\njetty.http.port=80x\n');
        expect(linesWith(runToEnd(base, []).stderr, 'ERROR')).to.deep.equal([expected('80x', 'in ${jetty.base}/start.d/port.ini:2')]);
      });
    });
  });

  describe('--dev, with the deployer scanning the same folder', () => {
    const servlet = 'webapps/hello/WEB-INF/classes/Hello.js';
    let initLog: string;
    before(async function () {
      this.timeout(60_000);
      await newBase();
      initLog = path.join(base, 'inits');
      writeIn(base, 'webapps/hello/WEB-INF/web.xml', WEB_XML('Hello'));
      writeIn(base, servlet, countingServlet(initLog, 'v1'));
      pier = await PierProcess.start(base, ['--dev']);
      await eventually(async () => pier!.stdout.includes('Dev mode: watching 1 web app folder(s)'), 10_000, 'dev mode');
    });
    after(cleanUp);

    it('reloads an edited app once', async () => {
      expect((await request(port, '/hello/')).body).to.equal('v1');
      writeIn(base, servlet, countingServlet(initLog, 'v2'));
      await eventually(async () => (await request(port, '/hello/')).body === 'v2', 20_000, 'the edit to be served');
      // An app added after the edit deploys only after the deployer's scanner has seen the edit in two
      // scans (an entry must be stable over two): by then a redeploy of /hello would have happened.
      writeIn(base, 'webapps/later/WEB-INF/web.xml', WEB_XML('Hello'));
      writeIn(base, 'webapps/later/WEB-INF/classes/Hello.js', countingServlet(path.join(base, 'later-inits'), 'later'));
      await eventually(async () => (await request(port, '/later/')).body === 'later', 20_000, '/later to deploy');
      expect(fs.readFileSync(initLog, 'utf8')).to.equal('v1\nv2\n');
      expect(pier!.stdout.match(/^Reloaded \/hello$/gm)).to.have.length(1);
    });

    it('says a failed reload once: the WARN line, and a stdout line that does not repeat it', async () => {
      writeIn(base, servlet, 'class Hello {\n  doGet(req, res) {\n    res.getWriter().print("x"\n  }\n}\n');
      await eventually(async () => /^Cannot reload \/hello/m.test(pier!.stdout), 20_000, 'the failed reload');
      expect((await request(port, '/hello/')).status).to.equal(503);
      expect(linesWith(pier!.stdout + pier!.stderr, 'missing ) after argument list'), pier!.stderr).to.have.length(1);
      expect(pier!.stdout).to.contain('Cannot reload /hello: it answers 503 until an edit fixes it (the WARN line above says why)');
    });
  });
});
