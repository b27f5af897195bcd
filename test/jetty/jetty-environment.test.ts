import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findJettyEnvironment } from './jetty-environment';

describe('Finding Jetty 9.4 and Java for the differential suite', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-jettyenv-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function fakeHome(version: string): string {
    fs.mkdirSync(path.join(dir, 'lib'));
    fs.writeFileSync(path.join(dir, 'start.jar'), '');
    fs.writeFileSync(path.join(dir, 'lib', `jetty-server-${version}.jar`), '');
    fs.writeFileSync(path.join(dir, 'lib', 'servlet-api-3.1.jar'), '');
    return dir;
  }

  it('says which folder has no start.jar and how to install Jetty', () => {
    const check = findJettyEnvironment({ PIER_JETTY_HOME: path.join(dir, 'nothing') });
    expect(check.ok).to.equal(false);
    expect(!check.ok && check.reason).to.match(
      /^Cannot find Jetty 9\.4: PIER_JETTY_HOME '.*nothing' has no start\.jar; install it with apt-get install -y jetty9/,
    );
  });

  it('refuses a Jetty that is not 9.4', () => {
    const check = findJettyEnvironment({ PIER_JETTY_HOME: fakeHome('10.0.20') });
    expect(!check.ok && check.reason).to.match(/^Cannot use Jetty 10\.0\.20 from PIER_JETTY_HOME .*: the suite compares with Jetty 9\.4/);
  });

  it('says when the JDK in JAVA_HOME cannot run', () => {
    const check = findJettyEnvironment({ PIER_JETTY_HOME: fakeHome('9.4.57.v20241219'), JAVA_HOME: path.join(dir, 'no-jdk') });
    expect(!check.ok && check.reason).to.match(/^Cannot run 'java -version' in JAVA_HOME '.*no-jdk' \(ENOENT\): the suite needs a JDK/);
  });

  it('makes npm run test:jetty stop with one line and exit code 2 when Jetty is missing', () => {
    const r = spawnSync(process.execPath, [path.join(__dirname, 'preflight.js')], {
      env: { ...process.env, PIER_JETTY_HOME: path.join(dir, 'nothing') },
      encoding: 'utf8',
    });
    expect(r.status).to.equal(2);
    expect(r.stderr.trim().split('\n')).to.have.length(1);
    expect(r.stderr).to.match(/^ERROR : Cannot find Jetty 9\.4: /);
  });
});
