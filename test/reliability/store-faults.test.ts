import { expect } from 'chai';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { startPier } from '../../bench/servers/pier';
import type { RunningServer } from '../../bench/servers/server-kind';
import { cookieOf, counterOf, get, reportFigures, tempDir } from './support';
import { fileHandlePrototype } from '../support/file-handles';
import { onLogRecord } from '../support/log-capture';

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  const e = new Error(`${code}: simulated by the reliability suite, ${syscall}`) as NodeJS.ErrnoException;
  e.code = code;
  e.syscall = syscall;
  return e;
}

/** Session files only (the journal, a dot file, changes with every write by design). */
function hashes(dir: string): Map<string, string> {
  return new Map(
    fs
      .readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .map((n) => [
        n,
        createHash('sha1')
          .update(fs.readFileSync(path.join(dir, n)))
          .digest('hex'),
      ]),
  );
}

type FileHandle = fs.promises.FileHandle;

/** Makes the store folder read-only: every create, rename, unlink, and write or sync of an open file fails with EROFS. */
async function readOnly(dir: string): Promise<void> {
  const proto = await fileHandlePrototype(dir);
  const fail = (syscall: string) => () => Promise.reject(errno('EROFS', syscall));
  sinon.stub(fs.promises, 'open').callsFake(fail('open'));
  sinon.stub(fs.promises, 'rename').callsFake(fail('rename'));
  sinon.stub(fs.promises, 'unlink').callsFake(fail('unlink'));
  sinon.stub(fs.promises, 'writeFile').callsFake(fail('writeFile'));
  for (const m of ['write', 'writev', 'writeFile', 'truncate', 'sync', 'datasync'] as const) sinon.stub(proto, m).callsFake(fail(m));
}

/** Makes the disk full: every write puts down half its bytes, then fails with ENOSPC. */
async function full(dir: string): Promise<void> {
  const proto = await fileHandlePrototype(dir);
  const realWrite = proto.write as (...args: unknown[]) => Promise<{ bytesWritten: number }>;
  sinon.stub(proto, 'write').callsFake(async function (this: FileHandle, buf: Buffer, offset = 0, length = buf.length, position?: number) {
    await realWrite.call(this, buf, offset, Math.floor(length / 2), position);
    throw errno('ENOSPC', 'write');
  } as unknown as typeof proto.write);
  sinon.stub(proto, 'writeFile').callsFake(async function (this: FileHandle, data: unknown) {
    const b = Buffer.from(data as Buffer);
    await realWrite.call(this, b, 0, Math.floor(b.length / 2));
    throw errno('ENOSPC', 'write');
  } as unknown as typeof proto.writeFile);
  sinon.stub(fs.promises, 'writeFile').callsFake(() => Promise.reject(errno('ENOSPC', 'write')));
}

/** The counter a fresh server finds for `cookie` in a copy of the folder as it is now (a crash at this instant). */
async function counterAfterCrash(dir: string, cookie: string): Promise<number | null> {
  const image = tempDir('faults-crash');
  for (const n of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, n), path.join(image, n));
  const server = await startPier({ mode: 'read', storeDir: image, extra: { checkpointPeriodMs: 0 } }, 'file');
  try {
    return counterOf((await get(server.port, '/', cookie)).body);
  } finally {
    await server.close();
    fs.rmSync(image, { recursive: true, force: true });
  }
}

for (const [fault, inject] of [
  ['read-only (EROFS)', readOnly],
  ['full (ENOSPC)', full],
] as const) {
  describe(`the file store's folder becomes ${fault}`, function () {
    let dir: string;
    let server: RunningServer | null = null;
    let logged: string[];
    let stopCapture: () => void = () => undefined;
    beforeEach(async () => {
      dir = tempDir('faults');
      logged = [];
      stopCapture = onLogRecord((r) => {
        logged.push(r.message);
      });
      // No periodic checkpoint: the test decides when the journal reaches the session files.
      server = await startPier({ mode: 'write', storeDir: dir, extra: { checkpointPeriodMs: 0 } }, 'file');
    });
    afterEach(async () => {
      stopCapture();
      sinon.restore();
      await server?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('answers with a clear error, damages nothing already stored and recovers when the folder does', async () => {
      const port = server!.port;
      const checkpoint = server!.probes!.checkpoint;
      const a = await get(port, '/');
      const cookie = cookieOf(a) as string;
      const second = await get(port, '/', cookie);
      await checkpoint({});
      const third = await get(port, '/', cookie);
      const before = hashes(dir);
      expect(before.size).to.equal(1);

      await inject(dir);
      const during = await get(port, '/', cookie);
      const fresh = await get(port, '/');
      const failedCheckpoint = await checkpoint({}).then(
        () => 'succeeded',
        (err: Error) => err.message,
      );
      sinon.restore();
      const after = hashes(dir);
      const clearLine = logged.find((l) => /Cannot/.test(l) && /(EROFS|ENOSPC)/.test(l));
      // What a crash right now would leave: the last acknowledged update (third), not the refused one.
      const afterCrash = await counterAfterCrash(dir, cookie);

      const recovered = await get(port, '/', cookie);
      const recoveredFresh = await get(port, '/');
      await checkpoint({});
      const files = fs.readdirSync(dir);
      const stored = files
        .filter((n) => !n.startsWith('.'))
        .map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')) as { attributes: { n?: number } });
      reportFigures(`store ${fault}`, {
        statusDuringFault: during.status,
        bodyDuringFault: during.body.slice(0, 60),
        newSessionStatusDuringFault: fresh.status,
        checkpointDuringFault: failedCheckpoint.slice(0, 60),
        storedFilesUnchanged: [...before].every(([n, h]) => after.get(n) === h),
        strayFiles: [...after.keys()].filter((n) => !before.has(n)).length,
        counterAfterCrashDuringFault: afterCrash,
        lastAcknowledged: counterOf(third.body),
        clearLogLine: clearLine?.split('\n')[0] ?? null,
        statusAfterRecovery: recovered.status,
        counterAfterRecovery: counterOf(recovered.body),
        filesAfterRecovery: files.length,
      });
      expect(during.status, 'the status of a request whose session could not be saved').to.be.within(500, 599);
      expect(fresh.status, 'the status of a request whose new session could not be saved').to.be.within(500, 599);
      expect(failedCheckpoint, 'a checkpoint during the fault').to.match(/EROFS|ENOSPC/);
      expect(clearLine, logged.join('\n').slice(0, 2000)).to.be.a('string');
      expect([...after.keys()]).to.deep.equal([...before.keys()]);
      for (const [n, h] of before) expect(after.get(n), n).to.equal(h);
      expect(afterCrash, 'the counter a crash during the fault would leave').to.equal(counterOf(third.body));
      expect(recovered.status).to.equal(200);
      expect(recoveredFresh.status).to.equal(200);
      expect(counterOf(recovered.body)).to.be.greaterThan(2);
      // The update made during the fault (answered with an error) stays in the in-memory session and
      // reaches the store with the next successful write, as in Jetty.
      expect(counterOf(recovered.body), 'the counter after recovery').to.equal(counterOf(second.body) + 3);
      expect(stored.some((s) => s.attributes.n === counterOf(recovered.body))).to.equal(true);
    });
  });
}
