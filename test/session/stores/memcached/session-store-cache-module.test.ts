/**
 * Jetty 9.4's `session-store-cache` module on Pier: its module and XML files as the distribution ships
 * them, Jetty's etc/sessions/session-data-cache/xmemcached.xml unchanged, wrapping the file store's
 * factory, with the `jetty.session.memcached.*` properties and the MEMCACHE_PORT_11211_TCP_* fallbacks.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as memjs from 'memjs';
import { launch, type Launch, type MainEnvironment } from '../../../../src/start/main';
import { defaultXmlApplier } from '../../../../src/start/xml-runner';
import { corpusPath, repoRoot, requireCorpus } from '../../../support/corpus';
import { requireMemcached, type ServerProcess } from '../../../support/cache-servers';
import { freePort } from '../../../support/pier-process';
import { preserveSystemProperties } from '../../../start/support';
import { addCounterApp, JETTY_HOME, newBase } from '../jdbc/jdbc-base';

function get(port: number, p: string, cookie?: string): Promise<{ body: string; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent: false, headers: cookie ? { Cookie: cookie } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => resolve({
        body, cookie: res.headers['set-cookie']?.find((c) => c.startsWith('JSESSIONID='))?.split(';')[0],
      }));
    });
    req.on('error', reject);
  });
}

describe("Jetty 9.4's session-store-cache module on Pier", function () {
  this.timeout(60_000);
  preserveSystemProperties();
  let memcached: ServerProcess;
  let raw: memjs.Client;

  before(async function () {
    memcached = await requireMemcached(this);
    raw = memjs.Client.create(`127.0.0.1:${memcached.port}`, { logger: { log: () => undefined } });
  });
  after(async () => { raw?.close(); await memcached?.stop(); });

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

  /** Starts a base with the file store under the memcached cache, counts twice, and returns the bodies and the session id. */
  async function countTwice(args: string[]): Promise<{ bodies: string[]; id: string }> {
    const base = newBase('pier-cache-base-');
    addCounterApp(base);
    const port = await freePort();
    let output = '';
    const env: MainEnvironment = { out: (t) => { output += t; }, err: (t) => { output += t; }, cwd: base, applier: defaultXmlApplier, installShutdownHook: () => undefined };
    try {
      const result = await launch([`jetty.home=${repoRoot()}`, `jetty.base=${base}`, `jetty.http.port=${port}`, 'jetty.http.host=127.0.0.1',
        '--module=http,deploy,session-store-file,session-store-cache', `jetty.session.file.storeDir=${base}/sessions`, ...args], env);
      if (typeof result === 'number') throw new Error(`the launch exited with ${result}:\n${output}`);
      try {
        const first = await get(port, '/counter/inc');
        const second = await get(port, '/counter/inc', first.cookie);
        if (!first.cookie) throw new Error(`no session cookie: ${first.body}\n${output}`);
        return { bodies: [first.body, second.body], id: first.cookie.slice('JSESSIONID='.length).replace(/\.[^.]*$/, '') };
      } finally {
        for (const o of [...(result as Launch).started].reverse()) await o.stop();
      }
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  }

  it('caches the file store\'s sessions in memcached under the jetty.session.memcached.* properties, keyed by context and vhost', async () => {
    const { bodies, id } = await countTwice(['jetty.session.memcached.host=127.0.0.1', `jetty.session.memcached.port=${memcached.port}`]);
    expect(bodies).to.deep.equal(['1', '2']);
    const { value } = await raw.get(`_counter_0.0.0.0_${id}`);
    expect(JSON.parse(value!.toString('utf8')).attributes).to.deep.equal({ n: 2 });
  });

  it('takes the host and port from MEMCACHE_PORT_11211_TCP_ADDR and _PORT when the properties are not set', async () => {
    const saved = { addr: process.env.MEMCACHE_PORT_11211_TCP_ADDR, port: process.env.MEMCACHE_PORT_11211_TCP_PORT };
    process.env.MEMCACHE_PORT_11211_TCP_ADDR = '127.0.0.1';
    process.env.MEMCACHE_PORT_11211_TCP_PORT = String(memcached.port);
    try {
      const { bodies, id } = await countTwice([]);
      expect(bodies).to.deep.equal(['1', '2']);
      expect((await raw.get(`_counter_0.0.0.0_${id}`)).value).to.not.equal(null);
    } finally {
      for (const [k, v] of [['MEMCACHE_PORT_11211_TCP_ADDR', saved.addr], ['MEMCACHE_PORT_11211_TCP_PORT', saved.port]] as const) {
        if (v === undefined) delete process.env[k]; else process.env[k] = v;
      }
    }
  });
});
