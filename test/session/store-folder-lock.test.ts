/**
 * The store folder lock: one process per session store folder, released by the kernel when its holder
 * dies, shared by the stores of one process; and its fallback without the flock command.
 * @module
 */
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lockStoreFolder, STORE_LOCK_FILE, StoreFolderLockedError } from '../../src/session/store-folder-lock';
import { tempDir } from './support';

const lockModule = path.resolve(__dirname, '..', '..', 'src', 'session', 'store-folder-lock.js');

/** Another process that takes `dir`'s lock and holds it until killed; resolves once it holds it. */
async function holderProcess(dir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require(${JSON.stringify(lockModule)}).lockStoreFolder(${JSON.stringify(dir)}, "a test holder"); process.stdout.write("held\\n"); setInterval(() => {}, 60000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (String(d).includes('held')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the holder process exited with ${code}`)));
  });
  return child;
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function refusal(dir: string, mechanism?: 'flock' | 'record'): unknown {
  try {
    lockStoreFolder(dir, "FileSessionDataStore of context '' vhost '0.0.0.0'", mechanism).release();
    return null;
  } catch (err) {
    return err;
  }
}

describe('the store folder lock', () => {
  let tmp: { dir: string; cleanup: () => void };
  const children: ChildProcess[] = [];
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    for (const c of children.splice(0)) await killed(c);
    tmp.cleanup();
  });

  it("refuses a folder another live process holds, naming that process, and takes it once the kernel dropped it at that process's death", async () => {
    const holder = await holderProcess(tmp.dir);
    children.push(holder);
    const err = refusal(tmp.dir);
    expect(err).to.be.instanceOf(StoreFolderLockedError);
    expect((err as Error).message).to.match(
      new RegExp(
        `^Cannot start FileSessionDataStore of context '' vhost '0\\.0\\.0\\.0': session store folder '${fs.realpathSync(tmp.dir)}' is in use by process ${holder.pid} on host '[^']+' \\(a test holder, since \\d{4}-[^)]+\\); stop that process first, or give this server its own store folder$`,
      ),
    );
    await killed(holder);
    const lock = lockStoreFolder(tmp.dir, 'the next server');
    try {
      expect(JSON.parse(fs.readFileSync(path.join(tmp.dir, STORE_LOCK_FILE), 'utf8'))).to.include({ pid: process.pid, owner: 'the next server' });
    } finally {
      lock.release();
    }
  });

  it('is shared by the stores of one process and held until the last of them releases it', async () => {
    const a = lockStoreFolder(tmp.dir, 'store a');
    const b = lockStoreFolder(path.join(tmp.dir, '.'), 'store b');
    a.release();
    const child = spawnSync(process.execPath, [
      '-e',
      `try { require(${JSON.stringify(lockModule)}).lockStoreFolder(${JSON.stringify(tmp.dir)}, "x"); } catch (e) { process.stdout.write(e.name); }`,
    ]);
    expect(String(child.stdout), 'another process while store b still holds it').to.equal('StoreFolderLockedError');
    b.release();
    const again = spawnSync(process.execPath, [
      '-e',
      `require(${JSON.stringify(lockModule)}).lockStoreFolder(${JSON.stringify(tmp.dir)}, "x"); process.stdout.write("held")`,
    ]);
    expect(String(again.stdout), 'another process once both released it').to.equal('held');
  });

  it('never counts a recorded pid as a holder by itself, even when that pid now runs some other live process', () => {
    fs.writeFileSync(
      path.join(tmp.dir, STORE_LOCK_FILE),
      JSON.stringify({ pid: process.ppid, host: 'h', since: '2026-01-01T00:00:00.000Z', owner: 'a server before the reboot' }),
    );
    expect(refusal(tmp.dir)).to.equal(null);
  });

  describe('without the flock command (the record fallback)', () => {
    it('takes over a record whose pid now belongs to a process that started at another time, or whose machine rebooted since', () => {
      const file = path.join(tmp.dir, STORE_LOCK_FILE);
      fs.writeFileSync(file, JSON.stringify({ pid: process.ppid, startTicks: 1, host: 'h', since: 'then', owner: 'a dead server' }));
      expect(refusal(tmp.dir, 'record')).to.equal(null);
      fs.writeFileSync(file, JSON.stringify({ pid: process.ppid, bootId: 'another-boot', host: 'h', since: 'then', owner: 'a dead server' }));
      expect(refusal(tmp.dir, 'record')).to.equal(null);
    });

    it('refuses a record of a process that still runs', async () => {
      const holder = await holderProcess(tmp.dir);
      children.push(holder);
      await killed(holder);
      // The holder is gone and the kernel lock with it, but its record stays: written anew for a live process.
      const record = JSON.parse(fs.readFileSync(path.join(tmp.dir, STORE_LOCK_FILE), 'utf8') || 'null') as Record<string, unknown> | null;
      const stat = fs.readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
      const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
      fs.writeFileSync(
        path.join(tmp.dir, STORE_LOCK_FILE),
        JSON.stringify({ ...(record ?? {}), pid: process.ppid, startTicks, host: 'h', since: 'now', owner: 'a live server' }),
      );
      expect(refusal(tmp.dir, 'record')).to.be.instanceOf(StoreFolderLockedError);
    });
  });
});
