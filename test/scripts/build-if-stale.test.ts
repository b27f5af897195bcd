/**
 * scripts/build-if-stale.js (run by `npm start` and `npm run dev`) compiles only when dist/src is missing or
 * older than its sources, with the real tsc, in a throwaway project laid out like this repository.
 * @module
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';

describe('npm start builds only when the compiled output is stale (scripts/build-if-stale.js)', function () {
  this.timeout(120_000);
  const repo = repoRoot();
  let project: string;

  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-stale-'));
    fs.mkdirSync(path.join(project, 'scripts'));
    fs.mkdirSync(path.join(project, 'src/util'), { recursive: true });
    fs.copyFileSync(path.join(repo, 'scripts/build-if-stale.js'), path.join(project, 'scripts/build-if-stale.js'));
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'));
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'), // a small lib keeps tsc quick
      JSON.stringify({
        compilerOptions: { strict: true, module: 'node20', target: 'es2022', lib: ['es5'], types: [], outDir: 'dist', rootDir: '.' },
      }),
    );
    fs.writeFileSync(path.join(project, 'tsconfig.build.json'), JSON.stringify({ extends: './tsconfig.json', include: ['src/**/*.ts'] }));
    fs.writeFileSync(path.join(project, 'src/index.ts'), "export { twice } from './util/twice';\n");
    fs.writeFileSync(path.join(project, 'src/util/twice.ts'), 'export const twice = (n: number): number => 2 * n;\n');
  });
  after(() => fs.rmSync(project, { recursive: true, force: true }));

  const run = () => spawnSync(process.execPath, ['scripts/build-if-stale.js'], { cwd: project, encoding: 'utf8' });
  const compiled = (rel: string) => path.join(project, 'dist/src', rel);

  it('compiles when dist is missing, saying why', () => {
    const r = run();
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stderr).to.match(/^Building Pier \(dist\/src\/.*\.js is missing\)/);
    expect(fs.existsSync(compiled('util/twice.js'))).to.equal(true);
  });

  it('does nothing, silently, when every compiled file is newer than its source', () => {
    const before = fs.statSync(compiled('util/twice.js')).mtimeMs;
    const r = run();
    expect([r.status, r.stdout, r.stderr]).to.deep.equal([0, '', '']);
    expect(fs.statSync(compiled('util/twice.js')).mtimeMs).to.equal(before);
  });

  it('compiles again when a source is newer than its compiled file, and fails as tsc fails', () => {
    fs.writeFileSync(path.join(project, 'src/util/twice.ts'), 'export const twice = (n: number): string => n + n;\n');
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(project, 'src/util/twice.ts'), later, later);
    const r = run();
    expect(r.stderr).to.include('Building Pier (src/util/twice.ts changed since it was compiled)');
    expect(r.stdout, 'the compiler error').to.match(/src\/util\/twice\.ts\(1,\d+\): error TS2322/);
    expect(r.status).to.equal(2);
    expect(fs.readFileSync(compiled('util/twice.js'), 'utf8')).to.include('n + n');
  });
});
