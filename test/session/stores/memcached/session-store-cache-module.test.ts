/**
 * Jetty 9.4's `session-store-cache` module on Pier: its module and XML files as the distribution ships
 * them, Jetty's etc/sessions/session-data-cache/xmemcached.xml unchanged, wrapping the file store's
 * factory, with the `jetty.session.memcached.*` properties and the MEMCACHE_PORT_11211_TCP_* fallbacks.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as memjs from 'memjs';
import { corpusPath, repoRoot, requireCorpus } from '../../../support/corpus';
import { requireMemcached, type ServerProcess } from '../../../support/cache-servers';
import { preserveSystemProperties } from '../../../start/support';
import { JETTY_HOME } from '../jdbc/jdbc-base';
import { countTwice } from '../count-twice';

describe("Jetty 9.4's session-store-cache module on Pier", function () {
  this.timeout(60_000);
  preserveSystemProperties();
  let memcached: ServerProcess;
  let raw: memjs.Client;

  before(async function () {
    memcached = await requireMemcached(this);
    raw = memjs.Client.create(`127.0.0.1:${memcached.port}`, { logger: { log: () => undefined } });
  });
  after(async () => {
    raw?.close();
    await memcached?.stop();
  });

  it("ships the distribution's session-store-cache.mod and session-caching-store.xml byte for byte", function () {
    if (!fs.existsSync(path.join(JETTY_HOME, 'modules', 'session-store-cache.mod'))) {
      console.log(`      skipped (no Jetty 9.4 at '${JETTY_HOME}'): the comparison with Jetty's files`);
      this.skip();
    }
    for (const f of ['modules/session-store-cache.mod', 'etc/sessions/session-data-cache/session-caching-store.xml']) {
      expect(fs.readFileSync(path.join(repoRoot(), f), 'utf8'), f).to.equal(fs.readFileSync(path.join(JETTY_HOME, f), 'utf8'));
    }
  });

  it("ships jetty-memcached-sessions' xmemcached.xml byte for byte", function () {
    requireCorpus(this);
    const jetty = corpusPath('jetty-9.4.x/jetty-memcached/jetty-memcached-sessions/src/main/config/etc/sessions/session-data-cache/xmemcached.xml');
    expect(fs.readFileSync(path.join(repoRoot(), 'etc/sessions/session-data-cache/xmemcached.xml'), 'utf8')).to.equal(fs.readFileSync(jetty, 'utf8'));
  });

  const countWithCache = (args: string[]) =>
    countTwice((base) => ['--module=http,deploy,session-store-file,session-store-cache', `jetty.session.file.storeDir=${base}/sessions`, ...args]);

  it("caches the file store's sessions in memcached under the jetty.session.memcached.* properties, keyed by context and vhost", async () => {
    const { bodies, id } = await countWithCache(['jetty.session.memcached.host=127.0.0.1', `jetty.session.memcached.port=${memcached.port}`]);
    expect(bodies).to.deep.equal(['1', '2']);
    const { value } = await raw.get(`_counter_0.0.0.0_${id}`);
    expect(JSON.parse(value!.toString('utf8')).attributes).to.deep.equal({ n: 2 });
  });

  it('takes the host and port from MEMCACHE_PORT_11211_TCP_ADDR and _PORT when the properties are not set', async () => {
    const saved = { addr: process.env.MEMCACHE_PORT_11211_TCP_ADDR, port: process.env.MEMCACHE_PORT_11211_TCP_PORT };
    process.env.MEMCACHE_PORT_11211_TCP_ADDR = '127.0.0.1';
    process.env.MEMCACHE_PORT_11211_TCP_PORT = String(memcached.port);
    try {
      const { bodies, id } = await countWithCache([]);
      expect(bodies).to.deep.equal(['1', '2']);
      expect((await raw.get(`_counter_0.0.0.0_${id}`)).value).to.not.equal(null);
    } finally {
      for (const [k, v] of [
        ['MEMCACHE_PORT_11211_TCP_ADDR', saved.addr],
        ['MEMCACHE_PORT_11211_TCP_PORT', saved.port],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
