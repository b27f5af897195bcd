import { expect } from 'chai';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { startPier } from '../../bench/servers/pier';
import type { RunningServer } from '../../bench/servers/server-kind';
import { cookieOf, counterOf, get, reportFigures, tempDir } from './support';

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  const e = new Error(`${code}: simulated by the reliability suite, ${syscall}`) as NodeJS.ErrnoException;
  e.code = code;
  e.syscall = syscall;
  return e;
}

function hashes(dir: string): Map<string, string> {
  return new Map(fs.readdirSync(dir).map((n) => [n, createHash('sha1').update(fs.readFileSync(path.join(dir, n))).digest('hex')]));
}

/** Makes the store folder read-only: every create, rename and unlink fails with EROFS. */
function readOnly(): void {
  const fail = (syscall: string) => () => Promise.reject(errno('EROFS', syscall));
  sinon.stub(fs.promises, 'open').callsFake(fail('open'));
  sinon.stub(fs.promises, 'rename').callsFake(fail('rename'));
  sinon.stub(fs.promises, 'unlink').callsFake(fail('unlink'));
  sinon.stub(fs.promises, 'writeFile').callsFake(fail('writeFile'));
}

/** Makes the disk full: a new file gets half its bytes, then ENOSPC. */
function full(): void {
  const realOpen = fs.promises.open.bind(fs.promises);
  sinon.stub(fs.promises, 'open').callsFake((async (file: fs.PathLike, flags?: string | number, mode?: fs.Mode) => {
    const fh = await realOpen(file, flags, mode);
    if (typeof flags === 'string' && /[wa]/.test(flags)) {
      fh.writeFile = async (data: unknown) => {
        const b = Buffer.from(data as Buffer);
        await fh.write(b.subarray(0, Math.floor(b.length / 2)));
        throw errno('ENOSPC', 'write');
      };
    }
    return fh;
  }) as typeof fs.promises.open);
  sinon.stub(fs.promises, 'writeFile').callsFake(() => Promise.reject(errno('ENOSPC', 'write')));
}

for (const [fault, inject] of [['read-only (EROFS)', readOnly], ['full (ENOSPC)', full]] as const) {
  describe(`the file store's folder becomes ${fault}`, function () {
    let dir: string;
    let server: RunningServer | null = null;
    let logged: string[];
    beforeEach(async () => {
      dir = tempDir('faults');
      logged = [];
      const capture = (...args: unknown[]): void => { logged.push(args.map(String).join(' ')); };
      sinon.stub(console, 'warn').callsFake(capture);
      sinon.stub(console, 'error').callsFake(capture);
      const realWrite = process.stderr.write.bind(process.stderr);
      sinon.stub(process.stderr, 'write').callsFake(((chunk: unknown, ...rest: unknown[]) => {
        if (String(chunk).includes('[figures]')) return realWrite(chunk as string, ...(rest as []));
        logged.push(String(chunk));
        return true;
      }) as typeof process.stderr.write);
      server = await startPier({ mode: 'write', storeDir: dir, extra: {} }, 'file');
    });
    afterEach(async () => {
      sinon.restore();
      await server?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers with a clear error, damages nothing already stored and recovers when the folder does', async () => {
      const port = server!.port;
      const a = await get(port, '/');
      const cookie = cookieOf(a) as string;
      const second = await get(port, '/', cookie);
      const before = hashes(dir);
      expect(before.size).to.equal(1);

      inject();
      const during = await get(port, '/', cookie);
      const fresh = await get(port, '/');
      sinon.restore();
      const after = hashes(dir);
      const clearLine = logged.find((l) => /Cannot/.test(l) && /(EROFS|ENOSPC)/.test(l));

      const recovered = await get(port, '/', cookie);
      const recoveredFresh = await get(port, '/');
      const files = fs.readdirSync(dir);
      const stored = files.map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as { attributes: { n?: number } });
      reportFigures(`store ${fault}`, {
        statusDuringFault: during.status, bodyDuringFault: during.body.slice(0, 60), newSessionStatusDuringFault: fresh.status, storedFilesUnchanged: [...before].every(([n, h]) => after.get(n) === h),
        strayFiles: [...after.keys()].filter((n) => !before.has(n)).length, clearLogLine: clearLine?.split('\n')[0] ?? null,
        statusAfterRecovery: recovered.status, counterAfterRecovery: counterOf(recovered.body), filesAfterRecovery: files.length,
      });
      expect(during.status, 'the status of a request whose session could not be saved').to.be.within(500, 599);
      expect(fresh.status, 'the status of a request whose new session could not be saved').to.be.within(500, 599);
      expect(clearLine, logged.join('\n').slice(0, 2000)).to.be.a('string');
      expect([...after.keys()]).to.deep.equal([...before.keys()]);
      for (const [n, h] of before) expect(after.get(n), n).to.equal(h);
      expect(recovered.status).to.equal(200);
      expect(recoveredFresh.status).to.equal(200);
      expect(counterOf(recovered.body)).to.be.greaterThan(2);
      // The update made during the fault (answered with an error) stays in the in-memory session and
      // reaches the store with the next successful write, as in Jetty.
      expect(counterOf(recovered.body), 'the counter after recovery').to.equal(counterOf(second.body) + 2);
      expect(stored.some((s) => s.attributes.n === counterOf(recovered.body))).to.equal(true);
    });
  });
}
