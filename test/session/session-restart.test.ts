/**
 * End-to-end: sessions in files survive a graceful stop (SIGTERM) and a crash (SIGKILL) of `bin/start`.
 * @module
 */
import { expect } from 'chai';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, storeEntries } from './support';

const DIST = path.resolve(__dirname, '..', '..');
const BIN = path.join(repoRoot(), 'bin', 'start');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function get(port: number, p: string, cookie?: string): Promise<{ status: number; text: string; cookie: string | null }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, agent: false, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      res.on('end', () => {
        const sc = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('JSESSIONID='));
        resolve({ status: res.statusCode ?? 0, text: body, cookie: sc ? sc.split(';')[0] : null });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function startPier(base: string, port: number): { child: ChildProcess; started: Promise<void> } {
  const child = spawn(process.execPath, [BIN, `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1'], {
    cwd: base,
    env: { ...process.env, PIER_DIST: DIST },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = new Promise<void>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no start within 20 s; stdout=${out} stderr=${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (/Started .* on http/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d) => {
      err += d;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; stdout=${out} stderr=${err}`));
    });
  });
  return { child, started };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function copyDir(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

describe('Sessions through bin/start (session-store-file)', function () {
  this.timeout(90_000);
  let base: string;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-session-base-'));
    fs.writeFileSync(
      path.join(base, 'start.ini'),
      [
        '--module=http',
        '--module=deploy',
        '--module=sessions',
        '--module=session-store-file',
        `jetty.session.file.storeDir=${path.join(base, 'sessions')}`,
        '',
      ].join('\n'),
    );
    copyDir(path.join(repoRoot(), 'test/fixtures/session/counter-webapp'), path.join(base, 'webapps', 'counter'));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) {
      if (c.exitCode === null && c.signalCode === null) {
        c.kill('SIGKILL');
        await exited(c);
      }
    }
    fs.rmSync(base, { recursive: true, force: true });
  });

  async function run(port: number): Promise<ChildProcess> {
    const { child, started } = startPier(base, port);
    children.push(child);
    await started;
    return child;
  }

  it('keeps a session across a SIGTERM stop and a SIGKILL crash', async () => {
    const port = await freePort();
    let child = await run(port);
    const r1 = await get(port, '/counter/inc');
    expect(r1.status, r1.text).to.equal(200);
    expect(r1.text).to.equal('1');
    const cookie = r1.cookie!;
    expect(cookie).to.match(/^JSESSIONID=node0[0-9a-z]+\.node0$/);
    expect((await get(port, '/counter/inc', cookie)).text).to.equal('2');

    child.kill('SIGTERM');
    expect(await exited(child)).to.equal(0);
    const files = storeEntries(path.join(base, 'sessions'));
    expect(files).to.have.length(1);
    expect(files[0]).to.match(/^\d+__counter_0\.0\.0\.0_node0[0-9a-z]+$/);

    child = await run(port);
    expect((await get(port, '/counter/inc', cookie)).text).to.equal('3');
    child.kill('SIGKILL');
    await exited(child);

    child = await run(port);
    expect((await get(port, '/counter/get', cookie)).text).to.equal('3');
    expect((await get(port, '/counter/inc', cookie)).text).to.equal('4');
    child.kill('SIGTERM');
    expect(await exited(child)).to.equal(0);
    expect(fs.readdirSync(path.join(base, 'sessions')).filter((n) => n.includes('.tmp-'))).to.deep.equal([]);
  });
});
