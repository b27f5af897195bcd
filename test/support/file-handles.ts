/**
 * Fault injection into open files: every FileHandle shares one prototype, so a test can count or fail the
 * writes and syncs of files a component keeps open (a journal), which stubbing `fs.promises` cannot reach.
 * @module
 */
import * as fs from 'node:fs';
import * as sinon from 'sinon';

/** The prototype of every `fs.promises.FileHandle` (found by opening `dir` once). */
export async function fileHandlePrototype(dir: string): Promise<fs.promises.FileHandle> {
  const fh = await fs.promises.open(dir, 'r');
  await fh.close();
  return Object.getPrototypeOf(fh) as fs.promises.FileHandle;
}

/**
 * Records in `events` (with sinon stubs on `fs.promises`, restored by sinon.restore()) each rename and
 * unlink of a session file as `renamed <id>` / `unlinked <id>` (the id is the name's last '_' part), and
 * each fsync of the folder `dir` itself as `dir sync start` and `dir sync end`.
 */
export function watchFolder(dir: string, events: string[]): void {
  const idOf = (file: unknown): string => String(file).split('/').pop()!.split('_').pop() as string;
  const { rename, unlink, open } = fs.promises;
  sinon.stub(fs.promises, 'rename').callsFake(async (from, to) => {
    await rename(from, to);
    events.push(`renamed ${idOf(to)}`);
  });
  sinon.stub(fs.promises, 'unlink').callsFake(async (file) => {
    await unlink(file);
    events.push(`unlinked ${idOf(file)}`);
  });
  sinon.stub(fs.promises, 'open').callsFake(async (file, flags, mode) => {
    const fh = await open(file, flags, mode);
    if (String(file) === dir) {
      const sync = fh.sync.bind(fh);
      fh.sync = async () => {
        events.push('dir sync start');
        await sync();
        events.push('dir sync end');
      };
    }
    return fh;
  });
}
