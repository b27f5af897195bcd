import { expect } from 'chai';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { cookieOf, counterOf, get, PierProcess, reportFigures, usePierSuite } from './support';
import { STORE_LOCK_FILE } from '../../src/session/store-folder-lock';

/** Every file under `dir` except `skip`, with a hash of its bytes. */
function snapshot(dir: string, skip: string, out = new Map<string, string>()): Map<string, string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (p === skip) continue;
    if (e.isDirectory()) snapshot(p, skip, out);
    else out.set(p, createHash('sha1').update(fs.readFileSync(p)).digest('hex'));
  }
  return out;
}

/** Sends raw bytes as one request and returns the status line's code (0 when the connection just closed). */
function rawRequest(port: number, head: Buffer, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('Cannot read a raw answer: timed out'));
    }, timeoutMs);
    // write, not end: a half-closed socket lets Node drop a response that is still being stored.
    socket.on('connect', () => socket.write(head));
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve(m ? Number(m[1]) : 0);
    });
  });
}

describe('hostile session ids and cookies', function () {
  const suite = usePierSuite();

  it('touches nothing outside the store, never crashes, and answers 400 only for two different valid ids', async () => {
    const store = path.join(suite.base, 'sessions');
    fs.mkdirSync(path.join(suite.base, 'outside'), { recursive: true });
    fs.writeFileSync(path.join(suite.base, 'outside', 'victim'), 'do not touch\n');
    suite.server = await PierProcess.start(suite.launcher, suite.base, store);
    const { port, counterPath } = suite.server;
    const a = await get(port, counterPath);
    const b = await get(port, counterPath);
    const ca = cookieOf(a) as string;
    const cb = cookieOf(b) as string;
    const name = ca.split('=')[0];
    const before = snapshot(suite.base, store);

    const hostile: Array<{ what: string; cookie: string; expect: number }> = [
      { what: 'path traversal', cookie: `${name}=../outside/victim`, expect: 200 },
      { what: 'deep path traversal', cookie: `${name}=../../../../../../etc/passwd`, expect: 200 },
      { what: 'encoded traversal', cookie: `${name}=..%2F..%2Foutside%2Fvictim`, expect: 200 },
      { what: 'absolute path', cookie: `${name}=/etc/passwd`, expect: 200 },
      { what: 'backslashes', cookie: `${name}=..\\..\\outside\\victim`, expect: 200 },
      { what: 'a store-like file name', cookie: `${name}=0__0.0.0.0_x`, expect: 200 },
      { what: 'a 4,000-character id', cookie: `${name}=${'a'.repeat(4000)}`, expect: 200 },
      { what: 'an empty id', cookie: `${name}=`, expect: 200 },
      { what: 'a quoted id', cookie: `${name}="${ca.split('=')[1]}"`, expect: 200 },
      { what: 'the same valid id twice', cookie: `${ca}; ${ca}`, expect: 200 },
      { what: 'a valid and an invalid id', cookie: `${name}=nosuchsession; ${ca}`, expect: 200 },
      { what: 'two different valid ids', cookie: `${ca}; ${cb}`, expect: 400 },
    ];
    const results: string[] = [];
    for (const h of hostile) {
      const r = await get(port, counterPath, h.cookie);
      if (r.status !== h.expect) results.push(`${h.what}: ${r.status}, expected ${h.expect}`);
    }
    // Bytes the HTTP client will not send: non-ASCII (UTF-8 and Latin-1), a NUL, a header over Node's limit.
    const raw: Array<{ what: string; bytes: Buffer; expect: number[] }> = [
      {
        what: 'a UTF-8 id',
        bytes: Buffer.from(`GET ${counterPath} HTTP/1.1\r\nHost: x\r\nCookie: ${name}=caf\u00e9\u2603..%2F\r\nConnection: close\r\n\r\n`, 'utf8'),
        expect: [200],
      },
      {
        what: 'a Latin-1 id',
        bytes: Buffer.from(`GET ${counterPath} HTTP/1.1\r\nHost: x\r\nCookie: ${name}=\u00ff\u00fe\r\nConnection: close\r\n\r\n`, 'latin1'),
        expect: [200],
      },
      {
        what: 'a NUL in the cookie',
        bytes: Buffer.from(`GET ${counterPath} HTTP/1.1\r\nHost: x\r\nCookie: ${name}=a\u0000b\r\nConnection: close\r\n\r\n`, 'latin1'),
        expect: [400],
      },
      {
        what: 'a 100,000-byte cookie',
        bytes: Buffer.from(`GET ${counterPath} HTTP/1.1\r\nHost: x\r\nCookie: ${name}=${'b'.repeat(100_000)}\r\nConnection: close\r\n\r\n`, 'latin1'),
        expect: [431, 400, 0],
      },
    ];
    for (const h of raw) {
      const status = await rawRequest(port, h.bytes);
      if (!h.expect.includes(status)) results.push(`${h.what}: ${status}, expected ${h.expect.join(' or ')}`);
    }
    const still = await get(port, counterPath, ca);
    const after = snapshot(suite.base, store);
    const storeNames = fs.readdirSync(store);
    // Session files, the store's journal (`.pier-journal-<hash>-<generation>`) and its lock: nothing named after an id.
    const strange = storeNames.filter(
      (n) => !/^\d+_[^/\\]*_[A-Za-z0-9_-]+$/.test(n) && !/^\.pier-journal-[0-9a-f]{12}-\d+$/.test(n) && n !== STORE_LOCK_FILE,
    );
    reportFigures('hostile ids', {
      launcher: suite.launcher,
      requests: hostile.length + raw.length,
      unexpected: results.length,
      filesOutsideStoreChanged: [...before].filter(([p, h]) => after.get(p) !== h).length + (after.size - before.size),
      strangeStoreNames: strange.length,
    });
    expect(results).to.deep.equal([]);
    expect(still.status).to.equal(200);
    expect(counterOf(still.body)).to.be.greaterThan(1);
    expect([...after.keys()].sort()).to.deep.equal([...before.keys()].sort());
    for (const [p, h] of before) expect(after.get(p), p).to.equal(h);
    expect(strange).to.deep.equal([]);
  });
});
