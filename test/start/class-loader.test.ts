/**
 * Tests that the launcher makes the Jetty classes of every area reachable from XML.
 * @module
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { ClassRegistry } from '../../src/ioc/class-registry';
import { CLASS_AREAS, loadJettyClasses } from '../../src/start/class-loader';

describe('loadJettyClasses', () => {
  it('registers the classes the distribution XML files name, and loads only once', () => {
    const notes = loadJettyClasses(path.resolve(__dirname, '../../src'));
    expect(notes, notes.join('\n')).to.be.an('array');
    for (const name of [
      'org.eclipse.jetty.server.Server',
      'org.eclipse.jetty.server.ServerConnector',
      'org.eclipse.jetty.server.handler.ContextHandlerCollection',
      'org.eclipse.jetty.util.thread.QueuedThreadPool',
    ]) {
      expect(ClassRegistry.default.tryResolve(name), name).to.be.a('function');
    }
    expect(loadJettyClasses(path.resolve(__dirname, '../../src'))).to.deep.equal([]);
  });

  it('covers the areas that declare Jetty classes', () => {
    expect([...CLASS_AREAS]).to.include.members(['server', 'session', 'webapp', 'deploy']);
  });
});
