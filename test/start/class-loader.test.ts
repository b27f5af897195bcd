/**
 * Tests that the launcher makes the Jetty classes of every area reachable from XML, through each
 * area's `classes.ts`, and that the list in each of them is complete.
 * @module
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClassRegistry } from '../../src/ioc/class-registry';
import { optionalBackendOf } from '../../src/ioc/optional-backends';
import { CLASS_AREAS, failingFile, loadJettyClasses } from '../../src/start/class-loader';
import { ClassLoadError } from '../../src/start/errors';
import { repoRoot } from '../support/corpus';

/** Source text without comments. */
function code(file: string): string {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/[^\n]*/g, '');
}

/** For each area, its .ts files (relative, without extension) that declare a class for XML, with the names. */
function declaringFiles(area: string): Map<string, string[]> {
  const dir = path.join(repoRoot(), 'src', area);
  const out = new Map<string, string[]>();
  const visit = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        const names = [...code(p).matchAll(/\bJettyClass\(\s*'([^']+)'/g)].map((m) => m[1]);
        if (names.length > 0) out.set(path.relative(dir, p).slice(0, -3).split(path.sep).join('/'), names);
      }
    }
  };
  visit(dir);
  return out;
}

/**
 * The modules an area's classes.ts imports, relative to the area, with those of the optional backends
 * it declares (a `require('./<folder>/classes')` whose own classes.ts imports them).
 */
function registered(area: string): string[] {
  const dir = path.join(repoRoot(), 'src', area);
  const text = code(path.join(dir, 'classes.ts'));
  const out = [...text.matchAll(/^import '\.\/([^']+)';$/gm)].map((m) => m[1]);
  for (const [, folder] of text.matchAll(/require\('\.\/(.+)\/classes'\)/g)) {
    out.push(...[...code(path.join(dir, folder, 'classes.ts')).matchAll(/^import '\.\/([^']+)';$/gm)].map((m) => `${folder}/${m[1]}`));
  }
  return out.sort();
}

describe('loadJettyClasses', () => {
  it('loads every area without a failure, and every class the sources declare is then registered', () => {
    loadJettyClasses(path.resolve(__dirname, '../../src'));
    const missing: string[] = [];
    for (const area of CLASS_AREAS) {
      for (const [file, names] of declaringFiles(area)) {
        // an optional backend's classes load when XML names them: resolve() loads them
        for (const name of names) {
          const found = optionalBackendOf(name) ? ClassRegistry.default.resolve(name) : ClassRegistry.default.tryResolve(name);
          if (!found) missing.push(`${area}/${file}: ${name}`);
        }
      }
    }
    expect(missing).to.deep.equal([]);
    expect(ClassRegistry.default.tryResolve('org.eclipse.jetty.deploy.providers.WebAppProvider')).to.be.a('function');
  });

  for (const area of CLASS_AREAS) {
    it(`finds in src/${area}/classes.ts every file of the area that declares a class for XML`, () => {
      expect(registered(area)).to.deep.equal([...declaringFiles(area).keys()].sort());
    });
  }

  it("makes Pier's main module declare the same classes, so XML applied from code reaches what bin/start reaches", () => {
    // a fresh process: in this one another test file may already have loaded every area
    const names = CLASS_AREAS.flatMap((area) => [...declaringFiles(area).values()].flat());
    const script = `const names = JSON.parse(process.argv[1]);
require(${JSON.stringify(path.resolve(__dirname, '../../src/index.js'))});
const { ClassRegistry } = require(${JSON.stringify(path.resolve(__dirname, '../../src/ioc/class-registry.js'))});
const { optionalBackendOf } = require(${JSON.stringify(path.resolve(__dirname, '../../src/ioc/optional-backends.js'))});
console.log(JSON.stringify(names.filter((n) => !ClassRegistry.default.tryResolve(n) && !optionalBackendOf(n))));`;
    const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(names)], { encoding: 'utf8' });
    expect(r.stderr).to.equal('');
    expect(names).to.include('org.pier.console.PierConsoleRealm');
    expect(JSON.parse(r.stdout)).to.deep.equal([]);
  });

  it('leaves no source folder with a declared class outside the areas', () => {
    const src = path.join(repoRoot(), 'src');
    const outside = fs
      .readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !(CLASS_AREAS as readonly string[]).includes(e.name) && declaringFiles(e.name).size > 0)
      .map((e) => e.name);
    expect(outside).to.deep.equal([]);
  });
});

describe('ClassLoadError', () => {
  const src = '/opt/pier/dist/src';

  it('names the file whose top level threw, with its line', () => {
    const err = new Error('boom');
    err.stack = `Error: boom\n    at Object.<anonymous> (${src}/deploy/providers/web-app-provider.js:3:7)\n    at Module._compile (node:internal/modules/cjs/loader:1521:14)`;
    const e = new ClassLoadError('deploy', failingFile(err, src)!, err);
    expect(e.message).to.equal(`Cannot load the deploy classes: ${src}/deploy/providers/web-app-provider.js:3: Error: boom`);
    expect(e.exitCode).to.be.greaterThan(0);
  });

  it('names the file that imports a module that does not exist', () => {
    const err = Object.assign(new Error("Cannot find module './gone'\nRequire stack:\n- x"), {
      code: 'MODULE_NOT_FOUND',
      requireStack: [`${src}/server/server.js`, `${src}/server/classes.js`],
    });
    expect(new ClassLoadError('server', failingFile(err, src)!, err).message).to.equal(
      `Cannot load the server classes: ${src}/server/server.js: Error: Cannot find module './gone'`,
    );
  });

  it('names the file and line of a syntax error', () => {
    const err = new SyntaxError('Unexpected token }');
    err.stack = `${src}/session/session.js:12\n}\n^\n\nSyntaxError: Unexpected token }\n    at wrapSafe (node:internal/modules/cjs/loader:1378:20)`;
    expect(failingFile(err, src)).to.deep.equal({ file: `${src}/session/session.js`, line: 12 });
  });
});
