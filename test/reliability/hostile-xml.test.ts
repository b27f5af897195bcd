import { expect } from 'chai';
import { fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { corpusRoot, repoRoot, requireCorpus } from '../support/corpus';
import { outRoot, reportFigures, seededRandom, tempDir } from './support';
import type { FuzzOutcome } from './xml-fuzz-worker';
import { mutate } from '../support/xml-mutator';

const SEED = 94;
const MUTANTS = Number(process.env.PIER_FUZZ_MUTANTS ?? 3000);
const DEADLINE_MS = 60_000;

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.xml') && /<Configure[\s>]/.test(fs.readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(corpusRoot());
  return out.sort();
}

/** Runs bin/start in a temp jetty.base (server module only) with `xml` as an extra XML file. */
function binStartWith(xml: string, name = 'mutant.xml'): { status: number | null; stderr: string; stdout: string; timedOut: boolean } {
  const base = tempDir('xmlbase');
  try {
    fs.mkdirSync(path.join(base, 'etc'));
    fs.writeFileSync(path.join(base, 'start.ini'), '--module=server\n');
    fs.writeFileSync(path.join(base, 'etc', name), xml);
    const r = spawnSync(process.execPath, [path.join(repoRoot(), 'bin', 'start'), `etc/${name}`], {
      cwd: base,
      env: { ...process.env, PIER_DIST: outRoot() },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: r.status, stderr: r.stderr ?? '', stdout: r.stdout ?? '', timedOut: r.error !== undefined || r.signal !== null };
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

describe('malformed and hostile Jetty XML', function () {
  let hits = 0;
  let server: http.Server;
  let port = 0;
  let secretDir: string;
  before(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.end('<!ENTITY leak "leaked">');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    secretDir = tempDir('secret');
    fs.writeFileSync(path.join(secretDir, 'secret'), 'TOP-SECRET-CONTENT');
  });
  after(() => {
    server.close();
    fs.rmSync(secretDir, { recursive: true, force: true });
  });

  it('gives every mutant of the corpus either a clean apply or a clear error with a location, without a hang or crash', async function () {
    requireCorpus(this);
    const files = corpusFiles();
    const outcomes: FuzzOutcome[] = [];
    const unclear: Array<FuzzOutcome & { text?: string }> = [];
    let current: { i: number; source: string; how: string } | null = null;
    const child = fork(path.join(__dirname, 'xml-fuzz-worker.js'), [], {
      env: { ...process.env, PIER_FUZZ: JSON.stringify({ files, count: MUTANTS, seed: SEED, deadlineMs: DEADLINE_MS }) },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 20_000) stderr += d.toString();
    });
    const end = await new Promise<{ code: number | null; signal: string | null; hung: boolean }>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve({ code: null, signal: 'SIGKILL', hung: true });
      }, DEADLINE_MS + 30_000);
      child.on('message', (m: { type: string } & FuzzOutcome & { text?: string }) => {
        if (m.type === 'begin') current = { i: m.i, source: m.source, how: m.how };
        if (m.type === 'outcome') {
          outcomes.push(m);
          if (m.outcome === 'unclear-error') unclear.push(m);
          current = null;
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, hung: false });
      });
    });
    const tally = (o: string): number => outcomes.filter((x) => x.outcome === o).length;
    reportFigures('XML fuzzer', {
      seed: SEED,
      corpusFiles: files.length,
      mutants: outcomes.length,
      applied: tally('applied'),
      locatedErrors: tally('located-error'),
      unclearErrors: unclear.length,
      workerExit: end.code ?? end.signal,
      hung: end.hung,
    });
    if (unclear.length > 0) {
      const file = path.join(tempDir('fuzz-report'), 'unclear.json');
      fs.writeFileSync(file, JSON.stringify(unclear, null, 2));
      console.log(
        `      unclear errors written to ${file}; first: ${unclear
          .slice(0, 3)
          .map((u) => `#${u.i} ${path.basename(u.source)} [${u.how}] ${u.message}`)
          .join('\n        ')}`,
      );
    }
    expect(end.hung, `the worker hung on ${JSON.stringify(current)}`).to.equal(false);
    expect(end.code, `the worker crashed on ${JSON.stringify(current)}: ${stderr.slice(-1500)}`).to.equal(0);
    expect(outcomes.length).to.be.greaterThan(Math.min(MUTANTS, 100));
    expect(unclear.map((u) => `#${u.i} ${path.basename(u.source)} [${u.how}]: ${u.message}`).slice(0, 10)).to.deep.equal([]);
  });

  it('exits non-zero with a one-line located error through bin/start for syntax-broken mutants', function () {
    requireCorpus(this);
    const random = seededRandom(SEED + 1);
    const files = corpusFiles().filter((f) => f.includes('jetty-9.4.x'));
    const tried: string[] = [];
    const bad: string[] = [];
    for (let k = 0; k < 200 && tried.length < 6; k++) {
      const m = mutate(fs.readFileSync(files[Math.floor(random() * files.length)], 'utf8'), random);
      try {
        XmlConfiguration.fromString(m.text, 'probe.xml');
        continue;
      } catch (err) {
        if ((err as Error).name !== 'XmlSyntaxError') continue;
      }
      tried.push(m.how);
      const r = binStartWith(m.text);
      const line = r.stderr.split('\n').find((l) => l.includes('mutant.xml')) ?? '';
      if (r.timedOut || r.status === 0 || r.status === null || !/mutant\.xml:\d+:\d+/.test(line)) {
        bad.push(`[${m.how}] exit ${r.status}${r.timedOut ? ' (timed out)' : ''}: ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
      }
    }
    reportFigures('XML through bin/start', { mutants: tried.length, unclear: bad.length });
    expect(tried.length).to.be.greaterThan(0);
    expect(bad).to.deep.equal([]);
  });

  it('refuses external DTDs, external entities and entity bombs, in process and through bin/start, without fetching or reading anything', () => {
    const secret = path.join(secretDir, 'secret');
    const configure = '<Configure class="org.eclipse.jetty.server.Server"><Set name="stopTimeout">1000</Set></Configure>';
    const bomb =
      '<!ENTITY a "aaaaaaaaaa">' +
      ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']
        .map((x, k, xs) => {
          const prev = k === 0 ? 'a' : xs[k - 1];
          return `<!ENTITY ${x} "${`&${prev};`.repeat(10)}">`;
        })
        .join('');
    const hostile: Record<string, string> = {
      'external DTD': `<?xml version="1.0"?>\n<!DOCTYPE Configure SYSTEM "http://127.0.0.1:${port}/evil.dtd">\n${configure}`,
      'unknown public DTD': `<?xml version="1.0"?>\n<!DOCTYPE Configure PUBLIC "-//Evil//EN" "http://127.0.0.1:${port}/evil.dtd">\n${configure}`,
      'external entity (file)': `<?xml version="1.0"?>\n<!DOCTYPE Configure [<!ENTITY xxe SYSTEM "file://${secret}">]>\n<Configure class="org.eclipse.jetty.server.Server"><Set name="stopTimeout">&xxe;</Set></Configure>`,
      'external entity (http)': `<?xml version="1.0"?>\n<!DOCTYPE Configure [<!ENTITY xxe SYSTEM "http://127.0.0.1:${port}/x">]>\n<Configure class="org.eclipse.jetty.server.Server"><Set name="stopTimeout">&xxe;</Set></Configure>`,
      'external parameter entity': `<?xml version="1.0"?>\n<!DOCTYPE Configure [<!ENTITY % p SYSTEM "http://127.0.0.1:${port}/p"> %p;]>\n${configure}`,
      'billion laughs': `<?xml version="1.0"?>\n<!DOCTYPE Configure [${bomb}]>\n<Configure class="org.eclipse.jetty.server.Server"><Set name="stopTimeout">&i;</Set></Configure>`,
      'quadratic blow-up': `<?xml version="1.0"?>\n<!DOCTYPE Configure [<!ENTITY q "${'q'.repeat(50_000)}">]>\n<Configure class="org.eclipse.jetty.server.Server"><Set name="stopTimeout">${'&q;'.repeat(50_000)}</Set></Configure>`,
    };
    const problems: string[] = [];
    for (const [what, xml] of Object.entries(hostile)) {
      const t0 = Date.now();
      let message = '';
      try {
        XmlConfiguration.fromString(xml, 'hostile.xml').configure();
        problems.push(`${what}: applied in process`);
      } catch (err) {
        message = (err as Error).message;
      }
      if (message && !/hostile\.xml:\d+:\d+/.test(message)) problems.push(`${what}: error without location: ${message.split('\n')[0]}`);
      if (message.includes('TOP-SECRET')) problems.push(`${what}: the secret leaked into the error`);
      if (Date.now() - t0 > 5000) problems.push(`${what}: took ${Date.now() - t0} ms in process`);
      const r = binStartWith(xml, 'hostile.xml');
      if (r.timedOut || r.status === 0) problems.push(`${what}: bin/start exit ${r.status}${r.timedOut ? ' (timed out)' : ''}`);
      if (!/hostile\.xml:\d+:\d+/.test(r.stderr)) problems.push(`${what}: bin/start said ${JSON.stringify(r.stderr.trim().split('\n')[0])}`);
      if ((r.stderr + r.stdout).includes('TOP-SECRET')) problems.push(`${what}: bin/start printed the secret`);
    }
    reportFigures('hostile XML', { documents: Object.keys(hostile).length, fetchesFromTheDtdServer: hits, problems: problems.length });
    expect(problems).to.deep.equal([]);
    expect(hits).to.equal(0);
  });
});
