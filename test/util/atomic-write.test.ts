import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as sinon from 'sinon';
import { writeFileAtomically } from '../../src/util/atomic-write';

describe('writeFileAtomically()', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-atomic-'));
  });
  afterEach(() => {
    sinon.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('replaces the target with the new bytes and leaves no temporary file', async () => {
    const target = path.join(dir, 'f');
    fs.writeFileSync(target, 'old');
    await writeFileAtomically(path.join(dir, 'f.tmp'), target, Buffer.from('new'));
    expect(fs.readFileSync(target, 'utf8')).to.equal('new');
    expect(fs.readdirSync(dir)).to.deep.equal(['f']);
  });

  it('keeps the old target and removes the temporary file when the rename fails', async () => {
    const target = path.join(dir, 'f');
    fs.writeFileSync(target, 'old');
    sinon.stub(fs.promises, 'rename').rejects(Object.assign(new Error('EROFS: read-only'), { code: 'EROFS' }));
    let caught: unknown;
    try {
      await writeFileAtomically(path.join(dir, 'f.tmp'), target, Buffer.from('new'));
    } catch (err) {
      caught = err;
    }
    expect((caught as Error).message).to.equal('EROFS: read-only');
    expect(fs.readFileSync(target, 'utf8')).to.equal('old');
    expect(fs.readdirSync(dir)).to.deep.equal(['f']);
  });

  it('throws the write error, not the clean-up error, when the folder refuses both', async () => {
    sinon.stub(fs.promises, 'open').rejects(Object.assign(new Error('ENOSPC: full'), { code: 'ENOSPC' }));
    sinon.stub(fs.promises, 'unlink').rejects(Object.assign(new Error('EROFS: read-only'), { code: 'EROFS' }));
    let caught: unknown;
    try {
      await writeFileAtomically(path.join(dir, 'f.tmp'), path.join(dir, 'f'), Buffer.from('x'));
    } catch (err) {
      caught = err;
    }
    expect((caught as Error).message).to.equal('ENOSPC: full');
  });
});
