/**
 * Tests for loading web app classes from WEB-INF/classes (CommonJS, ESM, export rules, reload).
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WebAppClassLoader } from '../../src/webapp/web-app-class-loader';
import { WebAppClassNotFoundError } from '../../src/webapp/errors';
import { cleanupTempDirs, copyTree, fixturePath, tempDir } from './webapp-test-support';

type Hello = { hello(): string };

describe('WebAppClassLoader', () => {
  const app = fixturePath('webapp', 'loader');
  after(cleanupTempDirs);

  it('loads a CommonJS class exported under its simple name', async () => {
    const loader = new WebAppClassLoader(app);
    expect((await loader.newInstance<Hello>('com.example.Named')).hello()).to.equal('named');
  });

  it('loads a class that is module.exports itself', async () => {
    const loader = new WebAppClassLoader(app);
    expect((await loader.newInstance<Hello>('com.example.Whole')).hello()).to.equal('whole');
  });

  it('falls back to the default export of a .cjs file', async () => {
    const loader = new WebAppClassLoader(app);
    expect((await loader.newInstance<Hello>('com.example.Defaulted')).hello()).to.equal('default');
  });

  it('imports an ES module (.mjs) and takes its default export', async () => {
    const loader = new WebAppClassLoader(app);
    expect((await loader.newInstance<Hello>('com.example.Modern')).hello()).to.equal('esm-default');
  });

  it('prefers the export named after the class in an ES module', async () => {
    const loader = new WebAppClassLoader(app);
    expect((await loader.newInstance<Hello>('com.example.NamedEsm')).hello()).to.equal('esm-named');
  });

  it('imports a .js file as ESM when its package.json says "type": "module"', async () => {
    const loader = new WebAppClassLoader(app);
    expect((await loader.newInstance<Hello>('esm.Typed')).hello()).to.equal('esm-by-package-type');
  });

  it('names the files it looked for when a class is missing', async () => {
    const loader = new WebAppClassLoader(app);
    const err = await loader.loadClass('com.example.Missing').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(WebAppClassNotFoundError);
    expect((err as Error).message).to.equal(
      `Cannot load class 'com.example.Missing': none of ${['js', 'cjs', 'mjs']
        .map((x) => path.join('WEB-INF', 'classes', 'com', 'example', `Missing.${x}`))
        .join(', ')} exists in ${app}`,
    );
  });

  it('refuses a module that exports no class', async () => {
    const err = await new WebAppClassLoader(app).loadClass('com.example.NotAClass').catch((e: unknown) => e);
    expect((err as Error).message).to.match(/^Cannot load class 'com\.example\.NotAClass' from '.*NotAClass\.js': it exports no 'NotAClass'/);
  });

  it('reports a module that throws while loading at the line and column of the throw, keeping the cause', async () => {
    const err = (await new WebAppClassLoader(app).loadClass('com.example.Broken').catch((e: unknown) => e)) as Error & { cause?: Error };
    const file = path.join(app, 'WEB-INF', 'classes', 'com', 'example', 'Broken.js');
    expect(err.message).to.equal(`Cannot load class 'com.example.Broken' from ${file}:2:7: boom at load`);
    expect(err.cause?.message).to.equal('boom at load');
  });

  it('reports a syntax error in a class file with its file:line:column', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'WEB-INF', 'classes', 'com', 'example', 'Typo.js');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'class Typo {\n  doGet(req, res) {\n    res.getWriter().println("x"\n  }\n}\nmodule.exports = { Typo };\n');
    const err = (await new WebAppClassLoader(dir).loadClass('com.example.Typo').catch((e: unknown) => e)) as WebAppClassNotFoundError;
    expect(err).to.be.instanceOf(WebAppClassNotFoundError);
    expect(err.message).to.equal(`Cannot load class 'com.example.Typo' from ${file}:3:29: SyntaxError: missing ) after argument list`);
    expect(err.location).to.deep.equal({ file, line: 3, column: 29 });
  });

  it('sees new code after close(), for CommonJS and ESM alike', async () => {
    const dir = tempDir();
    copyTree(app, dir);
    const cjs = path.join(dir, 'WEB-INF', 'classes', 'com', 'example', 'Whole.js');
    const esm = path.join(dir, 'WEB-INF', 'classes', 'com', 'example', 'Modern.mjs');
    const first = new WebAppClassLoader(dir);
    expect((await first.newInstance<Hello>('com.example.Whole')).hello()).to.equal('whole');
    expect((await first.newInstance<Hello>('com.example.Modern')).hello()).to.equal('esm-default');
    first.close();
    fs.writeFileSync(cjs, "module.exports = class Whole { hello() { return 'whole v2'; } };\n");
    fs.writeFileSync(esm, "export default class Modern { hello() { return 'esm v2'; } }\n");
    const second = new WebAppClassLoader(dir);
    expect((await second.newInstance<Hello>('com.example.Whole')).hello()).to.equal('whole v2');
    expect((await second.newInstance<Hello>('com.example.Modern')).hello()).to.equal('esm v2');
    second.close();
  });
});
