/**
 * Runs every sample of README.md and docs/*.md, so that what the docs tell a reader to type works:
 * shell commands run for real in a temporary base (servers started and stopped), TS/JS samples compile
 * against the built package (a `// file.js: node file.js` sample also runs), Jetty XML applies, ini and
 * properties read. The rules for writing samples are in CONTRIBUTING.md ("Samples in the docs").
 * @module
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { loadJettyClasses } from '../../src/start/class-loader';
import { parseJavaPropertyEntries } from '../../src/util/java-properties';
import { parseXml } from '../../src/xml';
import { DIST, freePort, repoRoot, request } from '../support/pier-process';
import { DocSample, docSamples } from './doc-samples';
import { asShown, normalise, outputDifference, parseTranscript, RunValues } from './transcript';

const ROOT = repoRoot();
const START = path.join(ROOT, 'bin', 'start');
const samples = docSamples(ROOT);
const toRun = samples.filter((s) => s.notRun === undefined && s.kind !== 'shown');

/** A scratch folder for one sample, removed after the suite. */
const scratch: string[] = [];
function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `pier-sample-${prefix}-`));
  scratch.push(d);
  return d;
}

/** A copy of the demo base (the repository root): its start.d and webapps. */
function demoBaseCopy(into: string): string {
  for (const dir of ['start.d', 'webapps']) fs.cpSync(path.join(ROOT, dir), path.join(into, dir), { recursive: true });
  return into;
}

/**
 * The shell prelude: `pier` is bin/start. A tool command (--add-to-start, --list-config, --sessions, ...)
 * runs to its end; any other starts a server in the background on $PORT (its output goes where the
 * command's goes, stdout through tee to see its Started line), waits for that line and keeps it until the
 * next `pier` or the end of the block, where it is stopped with SIGTERM and must exit 0. A server that
 * exits before it has started returns its exit code. File descriptor 3 is the block's own stderr, for the
 * test's messages.
 */
const PRELUDE = `set -eo pipefail
exec 3>&2
PIER_PID=
pier_stop() {
  [ -n "$PIER_PID" ] || return 0
  local pid=$PIER_PID rc=0; PIER_PID=
  kill -TERM "$pid"; wait "$pid" || rc=$?
  if [ "$rc" -ne 0 ]; then echo "bin/start exited with $rc on SIGTERM (its output is the sample's)" >&3; exit 98; fi
}
pier() {
  pier_stop
  case " $* " in
    *" --add-to-start"*|*" --add-module"*|*" --create-startd"*|*" --list-"*|*" --dry-run"*|*" --help"*|*" --version"*|*" --update-ini"*|*" --create-files"*|*" --sessions"*)
      node "$PIER_START" "$@"; return;;
  esac
  PIER_OUT=$(mktemp -p "$SAMPLE_TMP")
  node "$PIER_START" "$@" "jetty.http.port=$PORT" "jetty.ssl.port=$SSL_PORT" "pier.metrics.port=$METRICS_PORT" > >(tee "$PIER_OUT") &
  PIER_PID=$!
  local rc=0
  for _ in $(seq 1 300); do
    grep -q '^Started ' "$PIER_OUT" && return 0
    if ! kill -0 "$PIER_PID" 2>/dev/null; then
      wait "$PIER_PID" || rc=$?; PIER_PID=
      [ "$rc" -ne 0 ] || { echo "bin/start $* exited without its Started line" >&3; rc=1; }
      return $rc
    fi
    sleep 0.1
  done
  echo "bin/start $* printed no Started line within 30 s" >&3; kill -9 "$PIER_PID" 2>/dev/null; PIER_PID=; exit 97
}
pier_installed() {
  for p in "$@"; do
    (cd "$PIER_ROOT" && node -e 'require.resolve(process.argv[1].replace(/(.)@[^/]*$/, "$1"))' "$p") || { echo "npm package $p is not installed"; return 1; }
  done
}
# a server the sample started in the background and did not stop is killed with the block
trap 'pier_stop; kill $(jobs -p) 2>/dev/null || true' EXIT
`;

/**
 * One sample line as the test runs it: bin/start (however the docs spell it) becomes `pier`, /srv/ a
 * scratch folder, a port the free one; `npm run build` is done already, `npm install <package>` checks
 * the package is installed (the test installs nothing). Any other npm command cannot run inside a test.
 */
function rewriteShellLine(line: string, where: string): string {
  const text = line.replace(/\s+#.*$/, '').trim();
  if (text === '' || text.startsWith('#')) return '';
  if (text === 'npm run build') return ':';
  const install = /^npm install ((?:[@\w./-]+\s*)+)$/.exec(text);
  if (install && !install[1].includes('/path/')) return `pier_installed ${install[1]}`;
  if (/^(npm|npx(?! pier-start)|bash \.ci)\b/.test(text)) {
    throw new Error(`${where}: '${text}' cannot run inside a test: mark the block <!-- sample: not-run (reason) -->`);
  }
  const ports = (t: string): string =>
    t
      .replace(/(^|[\s=])\/srv\//g, '$1$SAMPLE_TMP/srv/')
      .replace(/jetty\.http\.port=\d+/g, 'jetty.http.port=$PORT')
      .replace(/(?:localhost|127\.0\.0\.1):8080\b/g, '127.0.0.1:$PORT')
      .replace(/(?:localhost|127\.0\.0\.1):9180\b/g, '127.0.0.1:$METRICS_PORT')
      .replace(/localhost:8443\b/g, 'localhost:$SSL_PORT');
  // a server the sample runs in the background itself (`node bin/start & PIER=$!`) is its to stop
  const own = /^(?:node\s+)?(?:\/path\/to\/pier\/)?bin\/start\b([^&]*(?:[<>]&[^&]*)*)(?<![<>&])&(?![&>])(.*)$/.exec(text);
  if (own)
    return ports(`node "$PIER_START"${own[1].trimEnd()} jetty.http.port=$PORT jetty.ssl.port=$SSL_PORT pier.metrics.port=$METRICS_PORT &${own[2]}`);
  return ports(text.replace(/(?:node\s+)?(?:\/path\/to\/pier\/)?\bbin\/start\b|npx pier-start/g, 'pier'));
}

/** A scratch folder whose srv/base is a copy of the demo base, where every shell sample starts. */
async function shellRun(): Promise<{ tmp: string; base: string; env: NodeJS.ProcessEnv; run: RunValues }> {
  const tmp = tempDir('sh');
  fs.mkdirSync(path.join(tmp, 'srv', 'base'), { recursive: true });
  const base = demoBaseCopy(path.join(tmp, 'srv', 'base'));
  const [port, sslPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    ...process.env,
    PIER_DIST: DIST,
    PIER_START: START,
    PIER_ROOT: ROOT,
    PORT: String(port),
    SSL_PORT: String(sslPort),
    METRICS_PORT: String(metricsPort),
    SAMPLE_TMP: tmp,
  };
  return { tmp, base, env, run: { tmp, home: ROOT, ports: { [port]: '8080', [sslPort]: '8443', [metricsPort]: '9180' } } };
}

async function runShell(sample: DocSample): Promise<void> {
  const { base, env } = await shellRun();
  const lines = sample.text.split('\n').map((l, i) => rewriteShellLine(l, `${path.relative(ROOT, sample.file)}:${sample.line + 1 + i}`));
  const script = `${PRELUDE}cd ${JSON.stringify(base)}\n${lines.filter((l) => l !== '').join('\n')}\npier_stop\n`;
  const r = spawnSync('bash', ['-c', script], { env, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, `${sample.where} failed (exit ${r.status}):\n${script}\n--- output:\n${r.stdout}${r.stderr}`).to.equal(0);
}

/**
 * Runs a transcript's commands in order in one shell, each command's stdout and stderr into a file of
 * its own (a server it starts writes there until it stops), then compares each output with the one
 * shown, both normalised. A command must exit 0 unless the transcript shows it printing something.
 */
async function runTranscript(sample: DocSample): Promise<void> {
  const rel = path.relative(ROOT, sample.file);
  const steps = parseTranscript(sample.text, sample.where);
  const { tmp, base, env, run } = await shellRun();
  const out = path.join(tmp, 'out');
  fs.mkdirSync(out);
  const body = steps.map((step, i) => {
    const command = rewriteShellLine(step.command.replace(/\\\n/g, ' '), `${rel}:${sample.line + 1 + step.line}`);
    return `{ ${command === '' ? ':' : command}\n} >"${out}/${i}" 2>&1 </dev/null; echo $? >"${out}/${i}.rc"`;
  });
  const script = `${PRELUDE}set +e\ncd ${JSON.stringify(base)}\n${body.join('\n')}\npier_stop\n`;
  const r = spawnSync('bash', ['-c', script], { env, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, `${sample.where} failed (exit ${r.status}):\n${script}\n--- output:\n${r.stdout}${r.stderr}`).to.equal(0);
  const problems: string[] = [];
  steps.forEach((step, i) => {
    const at = `${rel}:${sample.line + 1 + step.line}: $ ${step.command}`;
    const raw = fs.readFileSync(path.join(out, String(i)), 'utf8');
    const printed = normalise(raw, run);
    const shown = normalise(step.shown.join('\n'));
    const rc = Number(fs.readFileSync(path.join(out, `${i}.rc`), 'utf8'));
    if (rc !== 0 && shown === '') problems.push(`${at}\n  exited with ${rc}, printing:\n${asShown(raw, run)}`);
    const difference = outputDifference(shown, printed);
    if (difference !== '')
      problems.push(`${at}\n  ${difference}\n  --- all it printed (ports and folders as the docs show them):\n${asShown(raw, run)}`);
  });
  expect(problems, `${sample.where}: the output shown is not what the commands print:\n\n${problems.join('\n\n')}`).to.deep.equal([]);
}

/** A project folder where `require('pier')` and `import ... from 'pier/...'` reach this repository. */
function projectDir(): string {
  const dir = tempDir('code');
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'pier'), 'dir');
  return dir;
}

/** The file a JS sample names on its first line (`// serve.js: node serve.js`), with the command that runs it. */
function runnableFile(sample: DocSample): { file: string; command: string } | undefined {
  const m = /^\/\/\s*([\w./-]+\.js):\s*node\s+([\w./-]+\.js)\s*$/.exec(sample.text.split('\n')[0]);
  return m && m[1] === m[2] ? { file: m[1], command: m[2] } : undefined;
}

/** TypeScript's "cannot find name": a name the sample leaves to the reader (`server`, `cartId`). */
const READERS_NAMES = new Set([2304, 2552, 2582, 2593, 18004]);

describe('The samples in README.md and docs/*.md', function () {
  this.timeout(120_000);

  after(() => {
    for (const d of scratch) fs.rmSync(d, { recursive: true, force: true });
    const notRun = samples.filter((s) => s.notRun !== undefined);
    process.stdout.write(`      ${toRun.length} samples run, ${notRun.length} not run:\n`);
    for (const s of notRun) process.stdout.write(`        ${s.where} [${s.lang}] ${s.notRun}\n`);
  });

  it('are found, each with a known language tag', () => {
    expect(toRun.length).to.be.greaterThan(20);
  });

  describe('shell commands run for real in a copy of a base', () => {
    for (const s of toRun.filter((x) => x.kind === 'shell')) {
      it(`${s.where} runs`, () => runShell(s));
    }
  });

  describe('console transcripts print what they show', () => {
    for (const s of toRun.filter((x) => x.kind === 'transcript')) {
      it(`${s.where} prints the output shown under each command`, () => runTranscript(s));
    }
  });

  describe('TypeScript and JavaScript', () => {
    const code = toRun.filter((x) => x.kind === 'code');

    it('compile against the built package (names the reader supplies aside)', () => {
      const dir = projectDir();
      const files = code.map((s, i) => {
        const file = path.join(dir, `sample-${i}.${s.lang}`);
        fs.writeFileSync(file, s.text);
        return file;
      });
      const program = ts.createProgram(files, {
        noEmit: true,
        strict: false,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        allowJs: true,
        checkJs: false,
        skipLibCheck: true,
        experimentalDecorators: true,
        types: ['node'],
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      });
      const problems = ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file && files.includes(path.resolve(d.file.fileName)) && !READERS_NAMES.has(d.code))
        .map((d) => {
          const s = code[files.indexOf(path.resolve(d.file!.fileName))];
          const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
          return `${path.relative(ROOT, s.file)}:${s.line + 1 + line}:${character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        });
      expect(problems, problems.join('\n')).to.deep.equal([]);
    });

    for (const s of code.filter((x) => runnableFile(x) !== undefined)) {
      it(`${s.where} runs and serves HTTP on the port it was given`, async () => {
        const { file, command } = runnableFile(s)!;
        const dir = projectDir();
        const port = await freePort();
        fs.writeFileSync(path.join(dir, file), s.text.replace(/\b8080\b/g, String(port)));
        const child = spawn(process.execPath, [command], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
        child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
        try {
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${s.where}: no output within 20 s`)), 20_000);
            child.stdout.once('data', () => {
              clearTimeout(timer);
              resolve();
            });
            child.once('exit', (code) => {
              clearTimeout(timer);
              reject(new Error(`${s.where}: node ${command} exited with ${code}:\n${out}`));
            });
          });
          expect(out, s.where).to.contain(`:${port}`);
          expect((await request(port, '/')).status, s.where).to.be.within(200, 599);
        } finally {
          child.kill('SIGKILL');
        }
      });
    }
  });

  describe('XML', () => {
    // the classes bin/start makes reachable from XML
    before(() => loadJettyClasses());
    for (const s of toRun.filter((x) => x.kind === 'xml')) {
      const root = parseXml(s.text, s.where).root;
      const applies = root.name === 'Configure';
      it(`${s.where} ${applies ? 'applies with XmlConfiguration' : 'is well-formed'}`, () => {
        if (!applies) return;
        const base = demoBaseCopy(tempDir('xml'));
        const properties = { 'jetty.base': base, 'jetty.home': ROOT, 'jetty.webapps': path.join(base, 'webapps') };
        const applied = XmlConfiguration.fromString(s.text, s.where, { properties }).configure();
        expect(applied, s.where).to.be.an('object');
      });
    }
  });

  describe('ini and properties', () => {
    const known = fs
      .readdirSync(path.join(ROOT, 'modules'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.mod'))
      .map((f) => fs.readFileSync(path.join(ROOT, 'modules', f), 'utf8'))
      .join('\n');
    for (const s of toRun.filter((x) => x.kind === 'ini')) {
      it(`${s.where} sets only properties and modules that Pier's modules know`, () => {
        for (const [i, raw] of s.text.split('\n').entries()) {
          if (raw.trim() === '' || raw.startsWith('# ')) continue;
          const at = `${s.file}:${s.line + 1 + i}`;
          const line = raw.replace(/^#/, '').trim();
          const module = /^--module=([\w-]+)$/.exec(line);
          if (module) {
            expect(fs.existsSync(path.join(ROOT, 'modules', `${module[1]}.mod`)), `${at}: no module '${module[1]}'`).to.equal(true);
            continue;
          }
          const m = /^([\w.-]+)=/.exec(line);
          expect(m, `${at}: not a name=value line`).to.not.equal(null);
          // an ini-template line of a module (`name=`, or `# name=` commented out) names the property
          expect(new RegExp(`^#?\\s*${m![1].replace(/\./g, '\\.')}=`, 'm').test(known), `${at}: no module knows '${m![1]}'`).to.equal(true);
        }
      });
    }
    for (const s of toRun.filter((x) => x.kind === 'properties')) {
      it(`${s.where} reads as a Java properties file`, () => {
        expect(parseJavaPropertyEntries(s.text)).to.not.deep.equal([]);
      });
    }
  });
});
