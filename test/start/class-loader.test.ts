/**
 * Tests that the launcher makes the Jetty classes of every area reachable from XML.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClassRegistry } from '../../src/ioc/class-registry';
import { CLASS_AREAS, loadJettyClasses } from '../../src/start/class-loader';
import { repoRoot } from '../support/corpus';

/** The top-level src folders holding a file that declares a class with `@JettyClass(`. */
function foldersDeclaringClasses(): string[] {
  const src = path.join(repoRoot(), 'src');
  const out = new Set<string>();
  const visit = (dir: string, area: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) visit(p, area || e.name);
      else if (area && e.name.endsWith('.ts') && fs.readFileSync(p, 'utf8').includes('@JettyClass(')) out.add(area);
    }
  };
  visit(src, '');
  return [...out].sort();
}

describe('loadJettyClasses', () => {
  it('loads every area without a failure and registers the classes the distribution XML files name', () => {
    expect(loadJettyClasses(path.resolve(__dirname, '../../src'))).to.deep.equal([]);
    for (const name of [
      'org.eclipse.jetty.server.Server',
      'org.eclipse.jetty.server.ServerConnector',
      'org.eclipse.jetty.server.handler.ContextHandlerCollection',
      'org.eclipse.jetty.util.thread.QueuedThreadPool',
    ]) {
      expect(ClassRegistry.default.tryResolve(name), name).to.be.a('function');
    }
  });

  it('covers every source folder that declares a Jetty class', () => {
    expect([...CLASS_AREAS].sort()).to.include.members(foldersDeclaringClasses());
  });
});
