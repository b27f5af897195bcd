import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XmlConfiguration } from '../../../src/ioc/xml-configuration';
import { restoreProcessStreams } from '../../../src/ioc/java';
import { repoRoot } from '../../support/corpus';
import '../../../src/ioc/classes';

describe('etc/console-capture.xml', () => {
  it("sends what the process writes to stdout and stderr (where Pier's log writes) to the dated file under jetty.console-capture.dir", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-console-'));
    let ids: Map<string, unknown>;
    try {
      const cfg = new XmlConfiguration(path.join(repoRoot(), 'etc', 'console-capture.xml'), {
        properties: { 'jetty.console-capture.dir': dir, 'jetty.console-capture.timezone': 'UTC' },
      });
      try {
        cfg.configure();
        process.stdout.write('to stdout\n');
        process.stderr.write('to stderr\n');
      } finally {
        restoreProcessStreams();
      }
      ids = cfg.getIdMap();
      const file = ids.get('ServerLogName') as string;
      expect(path.dirname(file)).to.equal(dir);
      expect(path.basename(file)).to.match(/^\d{4}_\d{2}_\d{2}\.jetty\.log$/);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).to.equal('to stdout\nto stderr\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
