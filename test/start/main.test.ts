/**
 * Tests of `bin/start` as a child process: commands, one-line errors with exit code 2, and a real start.
 * @module
 */
import { expect } from 'chai';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { makeBase, removeBase, repoRoot } from './support';

/** The compiled tree this test runs from (what PIER_DIST points at). */
const DIST = path.resolve(__dirname, '..', '..');
const BIN = path.join(repoRoot(), 'bin', 'start');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, dist = DIST): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20000,
    env: { ...process.env, PIER_DIST: dist },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOneLineError(r: Result, pattern: RegExp): void {
  expect(r.code, r.stderr).to.equal(2);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('ERROR'));
  expect(lines, r.stderr).to.have.length(1);
  expect(lines[0]).to.match(pattern);
  expect(r.stderr).not.to.match(/\n\s+at .*\(.*:\d+:\d+\)/);
}

/** A port nobody listens on right now (bound then released). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function get(port: number, p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.setTimeout(10000, () => req.destroy(new Error('GET timed out')));
  });
}

/** Waits (bounded) until the child prints a line matching `re` on stdout. */
function waitForOutput(child: ChildProcess, re: RegExp, timeoutMs = 15000): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no ${re} within ${timeoutMs} ms; stdout=${out} stderr=${err}`)), timeoutMs);
    child.stdout?.on('data', (d) => {
      out += d;
      if (re.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; stdout=${out} stderr=${err}`));
    });
  });
}

describe('bin/start', function () {
  this.timeout(30000);
  let base: string;

  beforeEach(() => {
    base = makeBase({ 'start.d/http.ini': '--module=http\njetty.http.port=18080\n' });
  });
  afterEach(() => removeBase(base));

  it('prints the usage with --help and exits 0', () => {
    const r = run(['--help'], base);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/^Usage: bin\/start/);
    expect(r.stdout).to.include('--list-modules');
  });

  it('prints the version with --version', () => {
    const r = run(['--version'], base);
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/^pier \d+\.\d+\.\d+/);
  });

  it('says Pier is not built when the compiled launcher is missing', () => {
    const r = run(['--help'], base, path.join(base, 'no-dist'));
    expect(r.code).to.equal(2);
    expect(r.stderr.trim()).to.equal('Pier is not built: run npm run build');
  });

  it('lists the available modules and marks the enabled ones', () => {
    const r = run(['--list-modules'], base);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^\[x\] http\s/m);
    expect(r.stdout).to.match(/^\[t\] server\s/m);
    expect(r.stdout).to.match(/^\[ \] deploy\s/m);
  });

  it('lists the configuration: modules in order, properties with their origin, XML files', () => {
    const r = run(['--list-config'], base);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/0: bytebufferpool[\s\S]*1: threadpool[\s\S]*2: server[\s\S]*3: http/);
    expect(r.stdout).to.include('jetty.http.port = 18080 (${jetty.base}/start.d/http.ini)');
    expect(r.stdout).to.match(/\$\{jetty.home\}\/etc\/jetty.xml\n \$\{jetty.home\}\/etc\/jetty-http.xml/);
  });

  it('prints the XML files in order and the properties with --dry-run, without starting', () => {
    const r = run(['--dry-run', 'jetty.http.port=9999'], base);
    expect(r.code, r.stderr).to.equal(0);
    const xmls = r.stdout
      .split('\n')
      .filter((l) => l.endsWith('.xml'))
      .map((l) => path.basename(l));
    expect(xmls).to.deep.equal(['jetty-bytebufferpool.xml', 'jetty-threadpool.xml', 'jetty.xml', 'jetty-http.xml']);
    expect(r.stdout).to.include('jetty.http.port=9999');
    expect(r.stdout).to.include(`jetty.base=${fs.realpathSync(base)}`);
  });

  it('reports an unknown module in one line with suggestions and exit code 2', () => {
    expectOneLineError(
      run(['--module=htp'], base),
      /^ERROR : Cannot enable module 'htp' \(from <command-line>\): unknown module \(did you mean 'http', 'http2', 'https'\?\); list available modules with --list-modules$/,
    );
  });

  it('reports a missing XML file of a module in one line', () => {
    fs.mkdirSync(path.join(base, 'modules'));
    fs.writeFileSync(path.join(base, 'modules', 'broken.mod'), '[depend]\nserver\n[xml]\netc/missing.xml\n');
    expectOneLineError(
      run(['--module=broken'], base),
      /^ERROR : Cannot find XML file 'etc\/missing.xml' of module 'broken' \(\$\{jetty.base\}\/modules\/broken.mod:4\)/,
    );
  });

  it('reports a malformed module file with its line', () => {
    fs.mkdirSync(path.join(base, 'modules'));
    fs.writeFileSync(path.join(base, 'modules', 'bad.mod'), '[description]\nx\n[xmls]\netc/a.xml\n');
    expectOneLineError(run(['--module=bad'], base), /^ERROR : Cannot parse module 'bad': unrecognized module section '\[xmls\]' \(.*bad.mod:3:1\)$/);
  });

  it('reports a missing extra XML file named on the command line', () => {
    expectOneLineError(run(['nothere.xml'], base), /^ERROR : Cannot find XML file 'nothere.xml' \(from <command-line>\)/);
  });

  it('prints a stack trace only with --debug', () => {
    const r = run(['--module=htp', '--debug'], base);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/\n\s+at .*:\d+:\d+/);
  });

  it('writes start.d/<module>.ini with --add-to-start, keeping the user value from the command line', () => {
    fs.rmSync(path.join(base, 'start.d', 'http.ini'));
    const r = run(['--add-to-start=requestlog', 'jetty.requestlog.retainDays=7'], base);
    expect(r.code, r.stderr).to.equal(0);
    const ini = fs.readFileSync(path.join(base, 'start.d', 'requestlog.ini'), 'utf8');
    expect(ini).to.match(/^--module=requestlog$/m);
    expect(ini).to.match(/^jetty.requestlog.retainDays=7$/m);
    expect(ini).to.match(/^# jetty.requestlog.append=false$/m);
    expect(fs.existsSync(path.join(base, 'logs'))).to.equal(true);
    expect(r.stdout).to.match(/server\s+transitively enabled/);
  });

  it('creates start.d/ for --add-module in a base with neither start.ini nor start.d', () => {
    fs.rmSync(path.join(base, 'start.d'), { recursive: true });
    const r = run(['--add-module=http'], base);
    expect(r.code, r.stderr).to.equal(0);
    expect(fs.existsSync(path.join(base, 'start.d', 'http.ini'))).to.equal(true);
    expect(fs.existsSync(path.join(base, 'start.ini'))).to.equal(false);
  });

  it('appends to start.ini for --add-to-start in a base without start.d', () => {
    fs.rmSync(path.join(base, 'start.d'), { recursive: true });
    const r = run(['--add-to-start=http'], base);
    expect(r.code, r.stderr).to.equal(0);
    expect(fs.readFileSync(path.join(base, 'start.ini'), 'utf8')).to.match(/^--module=http$/m);
    const again = run(['--add-to-start=http'], base);
    expect(again.stdout).to.match(/http already enabled by \[\$\{jetty.base\}\/start.ini\]/);
  });

  describe('running a server', function () {
    it('reports a non-numeric port on the property that set it, in one line with the XML location that applied it', () => {
      expectOneLineError(
        run(['jetty.http.port=abc'], base),
        /^ERROR : Cannot use property jetty\.http\.port=abc set on the command line: .*'abc'.* \(applied at .*jetty-http\.xml:\d+:\d+\)$/,
      );
    });

    it('reports a port in use in one line with the remedy', async () => {
      const blocker = net.createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        expectOneLineError(
          run([`jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], base),
          new RegExp(`^ERROR : .*${port}.*address already in use.*`),
        );
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    });

    it('prints the component tree after the started line with --dump', async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [BIN, '--dump', `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], {
        cwd: base,
        env: { ...process.env, PIER_DIST: DIST },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const out = await waitForOutput(child, /key: \+- bean/);
        expect(out.indexOf('Started ')).to.be.lessThan(out.indexOf('key: +- bean'));
        expect(out).to.include('ServerConnector');
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        expect(await exited).to.equal(0);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });

    it('starts in dev mode with --dev, saying what it watches, and stops on SIGTERM', async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [BIN, '--dev', `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], {
        cwd: base,
        env: { ...process.env, PIER_DIST: DIST },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const out = await waitForOutput(child, /Dev mode: watching \d+ web app folder\(s\)/);
        expect(out.indexOf('Started ')).to.be.lessThan(out.indexOf('Dev mode:'));
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        expect(await exited).to.equal(0);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });

    it('starts, serves a 404 from the DefaultHandler, and exits 0 on SIGTERM', async () => {
      const port = await freePort();
      const child = spawn(process.execPath, [BIN, `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], {
        cwd: base,
        env: { ...process.env, PIER_DIST: DIST },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const out = await waitForOutput(child, /Started .* on http:\/\/127\.0\.0\.1:\d+/);
        expect(out).to.match(new RegExp(`^Started Server@\\S+ on http://127\\.0\\.0\\.1:${port}$`, 'm'));
        const res = await get(port, '/nothing-here');
        expect(res.status).to.equal(404);
        const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        child.kill('SIGTERM');
        expect(await exited).to.equal(0);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });
  });
});
