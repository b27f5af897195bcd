/**
 * Tests for the deployer's Scanner: stable additions, changes, removals and periodic scans.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Scanner, fingerprint } from '../../src/deploy/scanner';
import { cleanupTempDirs, tempDir } from '../webapp/webapp-test-support';

interface Event {
  kind: string;
  name: string;
}

function recordingScanner(dir: string): { scanner: Scanner; events: Event[] } {
  const events: Event[] = [];
  const scanner = new Scanner();
  scanner.setScanDirs([dir]);
  scanner.setFilenameFilter((_d, name) => !name.startsWith('.'));
  scanner.addListener({
    fileAdded: (f) => {
      events.push({ kind: 'added', name: path.basename(f) });
    },
    fileChanged: (f) => {
      events.push({ kind: 'changed', name: path.basename(f) });
    },
    fileRemoved: (f) => {
      events.push({ kind: 'removed', name: path.basename(f) });
    },
  });
  return { scanner, events };
}

/** Moves a file's modification time forward so a change is visible whatever the clock resolution. */
function touch(file: string, seconds = 5): void {
  const t = new Date(fs.statSync(file).mtimeMs + seconds * 1000);
  fs.utimesSync(file, t, t);
}

describe('Scanner', () => {
  afterEach(cleanupTempDirs);

  it('reports the entries that exist at start as added, once, in name order', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'b.xml'), '<x/>');
    fs.mkdirSync(path.join(dir, 'a'));
    fs.writeFileSync(path.join(dir, '.hidden.xml'), '<x/>');
    const { scanner, events } = recordingScanner(dir);
    await scanner.start();
    await scanner.scan();
    await scanner.stop();
    expect(events).to.deep.equal([
      { kind: 'added', name: 'a' },
      { kind: 'added', name: 'b.xml' },
    ]);
  });

  it('reports an addition only once it has been stable for two scans', async () => {
    const dir = tempDir();
    const { scanner, events } = recordingScanner(dir);
    await scanner.start();
    fs.writeFileSync(path.join(dir, 'new.xml'), '<x/>');
    await scanner.scan();
    expect(events).to.deep.equal([]);
    await scanner.scan();
    expect(events).to.deep.equal([{ kind: 'added', name: 'new.xml' }]);
    await scanner.stop();
  });

  it('reports a changed file and a removed file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.xml');
    fs.writeFileSync(file, '<x/>');
    fs.writeFileSync(path.join(dir, 'gone.xml'), '<x/>');
    const { scanner, events } = recordingScanner(dir);
    await scanner.start();
    events.length = 0;
    touch(file);
    fs.rmSync(path.join(dir, 'gone.xml'));
    await scanner.scan();
    await scanner.scan();
    await scanner.stop();
    // a removal is reported at once; a change once it is stable (the second scan)
    expect(events).to.deep.equal([
      { kind: 'removed', name: 'gone.xml' },
      { kind: 'changed', name: 'app.xml' },
    ]);
  });

  it("sees an edit under a folder's WEB-INF but not a static file outside it", async () => {
    const dir = tempDir();
    const app = path.join(dir, 'app');
    fs.mkdirSync(path.join(app, 'WEB-INF'), { recursive: true });
    fs.writeFileSync(path.join(app, 'WEB-INF', 'web.xml'), '<web-app/>');
    fs.writeFileSync(path.join(app, 'index.html'), 'hi');
    const before = fingerprint(app);
    touch(path.join(app, 'index.html'));
    expect(fingerprint(app)).to.equal(before);
    touch(path.join(app, 'WEB-INF', 'web.xml'));
    expect(fingerprint(app)).to.not.equal(before);
  });

  it('rescans by itself every scanInterval seconds', async () => {
    const dir = tempDir();
    const { scanner, events } = recordingScanner(dir);
    scanner.setScanInterval(0.05);
    await scanner.start();
    fs.writeFileSync(path.join(dir, 'late.xml'), '<x/>');
    for (let i = 0; i < 200 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await scanner.stop();
    expect(events).to.deep.equal([{ kind: 'added', name: 'late.xml' }]);
  });
});
