/**
 * Tests of the --list-modules, --list-config and --dry-run texts.
 * @module
 */
import { expect } from 'chai';
import { dryRun, listConfig, listModules } from '../../src/start/listing';
import { resolveStart } from '../../src/start/start-configuration';
import { makeBase, removeBase } from './support';

describe('listing', () => {
  let home: string;
  let base: string;
  before(() => {
    home = makeBase({
      'modules/server.mod': '[description]\nThe server\n[tags]\ncore\n[xml]\netc/server.xml\n',
      'modules/http.mod': '[description]\nHTTP\n[tags]\nconnector\n[depend]\nserver\n[xml]\netc/http.xml\n',
      'modules/extra.mod': '[description]\nExtra\n[tags]\nconnector\n',
      'etc/server.xml': '<Configure/>',
      'etc/http.xml': '<Configure/>',
    });
    base = makeBase({ 'start.ini': '--module=http\nport=${base.port}1\nbase.port=808\n' });
  });
  after(() => {
    removeBase(home);
    removeBase(base);
  });

  it('marks explicit, transitive and available modules and filters by tag', () => {
    const cfg = resolveStart([], { cwd: base, home });
    const all = listModules(cfg);
    expect(all).to.match(/^\[x\] http\s+provided\s+connector\s+HTTP$/m);
    expect(all).to.match(/^\[t\] server\s+provided\s+core\s+The server$/m);
    expect(all).to.match(/^\[ \] extra\s/m);
    const connectors = listModules(cfg, ['connector']);
    expect(connectors).to.include('extra');
    expect(connectors).not.to.match(/server\s+core/);
  });

  it('lists the configuration with raw property values and their origin', () => {
    const text = listConfig(resolveStart([], { cwd: base, home }));
    expect(text).to.include(' port = ${base.port}1 (${jetty.base}/start.ini)');
    expect(text).to.match(/0: server\s+transitive provider of server for http\n\s+1: http\s+\$\{jetty.base\}\/start.ini/);
    expect(text).to.match(/Pier Active XMLs:\n-+\n \$\{jetty.home\}\/etc\/server.xml\n \$\{jetty.home\}\/etc\/http.xml/);
  });

  it('prints expanded properties on --dry-run', () => {
    const text = dryRun(resolveStart([], { cwd: base, home }));
    expect(text).to.include('\nport=8081\n');
    expect(text.split('\n').filter((l) => l.endsWith('.xml'))).to.have.length(2);
  });
});
