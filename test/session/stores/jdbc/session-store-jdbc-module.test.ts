/**
 * Jetty 9.4.57's `session-store-jdbc` module and `etc/sessions/jdbc/*.xml`, shipped unchanged, run on
 * Pier: a jetty.base written by Jetty's own start.jar, pointed at each database with the module's
 * properties (driver connection type), and the datasource connection type with a pool bound by
 * `org.eclipse.jetty.plus.jndi.Resource`.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { launch, type Launch } from '../../../../src/start/main';
import { inProcessLaunchEnvironment } from '../../../support/in-process-launch';
import { CLIENT_PACKAGES } from '../../../../src/session/stores/jdbc/jdbc-url';
import { unbindDataSource } from '../../../../src/session/stores/jdbc/data-source';
import { repoRoot } from '../../../support/corpus';
import { freePort } from '../../../support/pier-process';
import { preserveSystemProperties } from '../../../start/support';
import { dropTables, rawClient, requireDatabase, SQLITE, TEST_DATABASES, uniqueTableName } from './databases';
import { addCounterApp, addToStartWithJetty, canRunStartJar, driverProperties, JETTY_HOME, newBase } from './jdbc-base';

const JETTY_FILES = [
  'modules/session-store-jdbc.mod',
  'modules/sessions/jdbc/datasource.mod',
  'modules/sessions/jdbc/driver.mod',
  'modules/jdbc.mod',
  'etc/sessions/jdbc/datasource.xml',
  'etc/sessions/jdbc/driver.xml',
  'etc/sessions/jdbc/session-store.xml',
];

function get(port: number, p: string, cookie?: string): Promise<{ status: number; body: string; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent: false, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      let body = '';
      res
        .setEncoding('utf8')
        .on('data', (d: string) => {
          body += d;
        })
        .on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            cookie: res.headers['set-cookie']?.find((c) => c.startsWith('JSESSIONID='))?.split(';')[0],
          }),
        );
    });
    req.on('error', reject);
    req.setTimeout(20_000, () => req.destroy(new Error(`GET ${p} timed out`)));
  });
}

describe("Jetty 9.4's session-store-jdbc module on Pier", function () {
  this.timeout(60_000);
  preserveSystemProperties();

  it("ships Jetty 9.4.57's module and XML files byte for byte", function () {
    if (!fs.existsSync(path.join(JETTY_HOME, 'modules', 'session-store-jdbc.mod'))) {
      console.log(`      skipped (no Jetty 9.4 at '${JETTY_HOME}'): the comparison with Jetty's files`);
      this.skip();
    }
    for (const f of JETTY_FILES)
      expect(fs.readFileSync(path.join(repoRoot(), f), 'utf8'), f).to.equal(fs.readFileSync(path.join(JETTY_HOME, f), 'utf8'));
  });

  /** Starts the base in-process, counts twice with one cookie, and stops it. */
  async function countTwice(base: string, args: string[]): Promise<string[]> {
    const port = await freePort();
    let output = '';
    const env = inProcessLaunchEnvironment(base, (t) => (output += t));
    const result = await launch(
      [`jetty.home=${repoRoot()}`, `jetty.base=${base}`, `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1', ...args],
      env,
    );
    if (typeof result === 'number') throw new Error(`the launch exited with ${result}:\n${output}`);
    try {
      const first = await get(port, '/counter/inc');
      const second = await get(port, '/counter/inc', first.cookie);
      return [first.body, second.body];
    } finally {
      for (const o of [...(result as Launch).started].reverse()) await o.stop();
    }
  }

  /** The start.ini Jetty's start.jar writes for http,deploy,session-store-jdbc (written once), or null without Java. */
  let startIni: string | null | undefined;
  function jettyStartIni(): string | null {
    if (startIni === undefined) {
      startIni = null;
      if (canRunStartJar()) {
        const base = newBase();
        addToStartWithJetty(base, 'http,deploy,session-store-jdbc');
        startIni = fs.readFileSync(path.join(base, 'start.ini'), 'utf8');
        fs.rmSync(base, { recursive: true, force: true });
        expect(startIni).to.match(/^db-connection-type=datasource$/m);
      }
    }
    return startIni;
  }

  /** A base with the start.ini of Jetty's start.jar when it can run, else the same modules named on the command line. */
  function jettyBase(): { base: string; args: string[] } {
    const base = newBase();
    addCounterApp(base);
    const ini = jettyStartIni();
    if (ini !== null) {
      fs.writeFileSync(path.join(base, 'start.ini'), ini);
      return { base, args: [] };
    }
    return { base, args: ['--module=http,deploy,session-store-jdbc'] };
  }

  for (const db of TEST_DATABASES) {
    it(`runs a base written by Jetty's start.jar, with db-connection-type=driver on ${db.title}`, async function () {
      await requireDatabase(this, db);
      const { base, args } = jettyBase();
      const table = uniqueTableName();
      const url = db.url(base);
      try {
        expect(await countTwice(base, [...args, ...driverProperties(db.driverClass, url, table)])).to.deep.equal(['1', '2']);
        const c = rawClient(url);
        try {
          const rows = await c.query(`select contextPath as cp from ${table}`, []);
          expect(rows.map((r) => Object.values(r)[0])).to.deep.equal(['_counter']);
        } finally {
          await c.close();
        }
      } finally {
        await dropTables(url, [table]);
        fs.rmSync(base, { recursive: true, force: true });
      }
    });
  }

  it("finds the pool an org.eclipse.jetty.plus.jndi.Resource binds under the module's datasourceName (/jdbc/sessions)", async () => {
    const { base, args } = jettyBase();
    fs.mkdirSync(path.join(base, 'etc'), { recursive: true });
    fs.writeFileSync(
      path.join(base, 'etc', 'sessions-datasource.xml'),
      `<?xml version="1.0"?>
<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_9_3.dtd">
<Configure id="Server" class="org.eclipse.jetty.server.Server">
  <New id="sessions" class="org.eclipse.jetty.plus.jndi.Resource">
    <Arg></Arg>
    <Arg>jdbc/sessions</Arg>
    <Arg>
      <New class="com.zaxxer.hikari.HikariDataSource">
        <Set name="jdbcUrl">jdbc:sqlite:${base}/ds.db</Set>
        <Set name="maximumPoolSize">4</Set>
      </New>
    </Arg>
  </New>
</Configure>
`,
    );
    fs.appendFileSync(path.join(base, 'start.ini'), '\netc/sessions-datasource.xml\n');
    try {
      expect(await countTwice(base, [...args, `jetty.session.jdbc.schema.table=${uniqueTableName()}`])).to.deep.equal(['1', '2']);
    } finally {
      unbindDataSource('jdbc/sessions');
      fs.rmSync(base, { recursive: true, force: true });
    }
  });

  it('stops the start at the located <Call name="setDriverInfo"> naming the npm package when the URL\'s client is not installed', async () => {
    const { base, args } = jettyBase();
    const packages = CLIENT_PACKAGES as Record<string, string>;
    const real = packages.sqlite;
    packages.sqlite = 'pier-test-absent-client';
    const env = inProcessLaunchEnvironment(base);
    let err: unknown;
    try {
      await launch(
        [
          `jetty.home=${repoRoot()}`,
          `jetty.base=${base}`,
          'jetty.http.port=0',
          ...args,
          ...driverProperties(SQLITE.driverClass, SQLITE.url(base), 't'),
        ],
        env,
      );
    } catch (e) {
      err = e;
    } finally {
      packages.sqlite = real;
      fs.rmSync(base, { recursive: true, force: true });
    }
    const first = String((err as Error).message).split('\n')[0];
    expect(first).to.match(/etc\/sessions\/jdbc\/driver\.xml:6:5: Cannot use JDBC URL 'jdbc:sqlite:[^']+': the JDBC session store needs /);
    expect(first).to.include("needs the npm package 'pier-test-absent-client', which is not installed (run npm install pier-test-absent-client)");
  });
});
