/**
 * JournaledSessionFiles on its own: the stop's time budget for writing the backlog into files.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import { JournaledSessionFiles, type JournaledSessionFilesOptions } from '../../../../src/session/stores/file/journaled-session-files';
import { tempDir } from '../../support';

describe('JournaledSessionFiles', () => {
  let t: { dir: string; cleanup: () => void };
  let warnings: string[];
  beforeEach(() => {
    t = tempDir();
    warnings = [];
  });
  afterEach(() => t.cleanup());

  function files(stopBudgetMs?: number): JournaledSessionFiles {
    const options: JournaledSessionFilesOptions = {
      dir: t.dir,
      context: '_test_0.0.0.0',
      fileName: (id, expiry) => `${expiry}__test_0.0.0.0_${id}`,
      onDisk: new Map(),
      checkpointPeriodMs: 0,
      maxBacklogBytes: 1 << 30,
      stopBudgetMs,
      warn: (line) => warnings.push(line),
      error: (line) => warnings.push(line),
      info: () => undefined,
    };
    return new JournaledSessionFiles(options);
  }
  const sessionFiles = (): string[] => fs.readdirSync(t.dir).filter((n) => !n.startsWith('.'));
  const journals = (): string[] => fs.readdirSync(t.dir).filter((n) => n.startsWith('.pier-journal-'));

  it('writes the whole backlog into files at a stop within its budget, and removes the journal', async () => {
    const j = files();
    await j.start();
    await Promise.all(Array.from({ length: 30 }, (_, i) => j.store(`s${i}`, 9_999_999_999_999, Buffer.from(`{"n":${i}}`), () => undefined)));
    await j.stop();
    expect(sessionFiles()).to.have.length(30);
    expect(journals()).to.deep.equal([]);
    expect(warnings).to.deep.equal([]);
  });

  it('leaves what its stop budget did not reach in the journal, says so in one line, and the next start reads it back', async () => {
    const j = files(0);
    await j.start();
    await Promise.all(Array.from({ length: 30 }, (_, i) => j.store(`s${i}`, 9_999_999_999_999, Buffer.from(`{"n":${i}}`), () => undefined)));
    await j.stop();
    expect(sessionFiles()).to.deep.equal([]);
    expect(journals()).to.have.length(1);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/Stopped writing the session journal .* after 0 ms with 30 session\(s\) left; they stay in the journal/);
    const next = files();
    const replayed = await next.start();
    expect(replayed.size).to.equal(30);
    expect(String((replayed.get('s29') as { body: Buffer }).body)).to.equal('{"n":29}');
    await next.stop();
    expect(sessionFiles()).to.have.length(30);
    expect(journals()).to.deep.equal([]);
  });
});
