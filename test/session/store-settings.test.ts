/**
 * Each settings record (src/session/store-settings.ts) against everything else that names its settings:
 * the component (store, cache, memcached map) and its factory (Jetty's setters and getters under each
 * side's name, reachable from XML, with each side's default; the factory's values handed to what it makes),
 * the XML that configures the factory, the modules' ini-templates and docs/sessions.md.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getInstanceMembers } from '../../src/ioc/metadata';
import { settingName, type SettingSide, type StoreSetting, type StoreSettingsSpec } from '../../src/session/store-settings';
import { SESSION_DATA_STORE_SETTINGS } from '../../src/session/session-data-store-settings';
import { SESSION_CACHE_SETTINGS } from '../../src/session/session-cache-settings';
import { NullSessionDataStore } from '../../src/session/null-session-data-store';
import { NullSessionDataStoreFactory } from '../../src/session/null-session-data-store-factory';
import { DefaultSessionCache } from '../../src/session/default-session-cache';
import { DefaultSessionCacheFactory } from '../../src/session/default-session-cache-factory';
import { MemcachedSessionDataMap } from '../../src/session/stores/memcached/memcached-session-data-map';
import { MemcachedSessionDataMapFactory } from '../../src/session/stores/memcached/memcached-session-data-map-factory';
import { MEMCACHED_SETTINGS } from '../../src/session/stores/memcached/memcached-settings';
import { FileSessionDataStore } from '../../src/session/stores/file/file-session-data-store';
import { FileSessionDataStoreFactory } from '../../src/session/stores/file/file-session-data-store-factory';
import { FILE_STORE_SETTINGS } from '../../src/session/stores/file/file-store-settings';
import { JDBCSessionDataStore } from '../../src/session/stores/jdbc/jdbc-session-data-store';
import { JDBCSessionDataStoreFactory } from '../../src/session/stores/jdbc/jdbc-session-data-store-factory';
import { JDBC_STORE_SETTINGS } from '../../src/session/stores/jdbc/jdbc-store-settings';
import { RedisSessionDataStore } from '../../src/session/stores/redis/redis-session-data-store';
import { RedisSessionDataStoreFactory } from '../../src/session/stores/redis/redis-session-data-store-factory';
import { REDIS_STORE_SETTINGS } from '../../src/session/stores/redis/redis-store-settings';
import { repoRoot } from '../support/corpus';

interface Family {
  readonly name: string;
  readonly spec: StoreSettingsSpec;
  /** The component (store, cache, map) and its factory. */
  readonly store: new () => object;
  readonly factory: new () => object;
  /** The XML files that configure the factory, and the modules whose ini-templates list its properties. */
  readonly xml: readonly string[];
  readonly modules: readonly string[];
  /** The field of each instance that holds the record (`settings`, or the stores' `periods`). */
  readonly field?: string;
  /** What the factory makes, for the hand-over test. */
  readonly make?: (factory: object) => object;
}

const FAMILIES: readonly Family[] = [
  {
    name: 'file store',
    spec: FILE_STORE_SETTINGS,
    store: FileSessionDataStore,
    factory: FileSessionDataStoreFactory,
    xml: ['etc/sessions/file/session-store.xml'],
    modules: ['modules/session-store-file.mod'],
  },
  {
    name: 'JDBC store',
    spec: JDBC_STORE_SETTINGS,
    store: JDBCSessionDataStore,
    factory: JDBCSessionDataStoreFactory,
    xml: ['etc/sessions/jdbc/session-store.xml'],
    modules: ['modules/session-store-jdbc.mod'],
  },
  {
    name: 'Redis store',
    spec: REDIS_STORE_SETTINGS,
    store: RedisSessionDataStore,
    factory: RedisSessionDataStoreFactory,
    xml: ['etc/sessions/redis/session-store.xml'],
    modules: ['modules/session-store-redis.mod'],
  },
  {
    // Every store's grace and save periods (AbstractSessionDataStore and its factory); Jetty's file store XML sets savePeriodSec only.
    name: 'AbstractSessionDataStore',
    spec: SESSION_DATA_STORE_SETTINGS,
    store: NullSessionDataStore,
    factory: NullSessionDataStoreFactory,
    xml: ['etc/sessions/jdbc/session-store.xml', 'etc/sessions/redis/session-store.xml'],
    modules: ['modules/session-store-jdbc.mod', 'modules/session-store-redis.mod'],
    field: 'periods',
  },
  {
    name: 'session cache',
    spec: SESSION_CACHE_SETTINGS,
    store: DefaultSessionCache as unknown as new () => object,
    factory: DefaultSessionCacheFactory,
    xml: ['etc/sessions/session-cache-hash.xml'],
    modules: ['modules/session-cache-hash.mod'],
    make: (factory) => (factory as DefaultSessionCacheFactory).getSessionCache(null),
  },
  {
    name: 'memcached cache',
    spec: MEMCACHED_SETTINGS,
    store: MemcachedSessionDataMap,
    factory: MemcachedSessionDataMapFactory,
    xml: ['etc/sessions/session-data-cache/xmemcached.xml'],
    modules: ['modules/session-store-cache.mod'],
    make: (factory) => (factory as MemcachedSessionDataMapFactory).getSessionDataMap(),
  },
];

function read(file: string): string {
  return fs.readFileSync(path.join(repoRoot(), file), 'utf8');
}
function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
function exposedNames(cls: Function): string[] {
  return getInstanceMembers(cls).map((m) => m.name);
}
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/** The `<Set name="...">` element of the XML for a setting, with its content up to the matching `</Set>`. */
function setElement(xml: string, name: string): string | null {
  const m = new RegExp(`<Set name="${escape(name)}">([\\s\\S]*?)</Set>`).exec(xml);
  return m ? m[1] : null;
}

for (const family of FAMILIES) {
  describe(`The ${family.name}'s settings record`, () => {
    for (const [key, setting] of Object.entries(family.spec) as [string, StoreSetting<unknown, never>][]) {
      const sides: SettingSide[] = setting.factoryOnly ? ['factory'] : ['component', 'factory'];
      const names = sides.map((side) => {
        const name = settingName(key, setting, side);
        return { side, cls: side === 'factory' ? family.factory : family.store, name, getter: `${setting.getter ?? 'get'}${capitalize(name)}` };
      });
      const described = names.map((n) => `${n.cls.name}.set${capitalize(n.name)}/${n.getter}`).join(' and ');
      const factoryName = settingName(key, setting, 'factory');
      const factoryDefault = setting.factoryDefault !== undefined ? setting.factoryDefault : setting.default;

      it(`gives ${described}, reachable from XML, with the default ${JSON.stringify(setting.default)}${factoryDefault !== setting.default ? ` (the factory's ${JSON.stringify(factoryDefault)})` : ''}`, () => {
        for (const n of names) {
          expect(exposedNames(n.cls), n.cls.name).to.include.members([`set${capitalize(n.name)}`, n.getter]);
          const expected = n.side === 'factory' ? factoryDefault : setting.default;
          expect((new n.cls() as Record<string, () => unknown>)[n.getter](), `${n.cls.name}.${n.getter}()`).to.deep.equal(expected);
        }
        if (setting.factoryOnly) {
          expect(exposedNames(family.store), `${family.store.name} takes ${key} in its constructor`).not.to.include(`set${capitalize(key)}`);
        }
      });

      if (setting.inJettyXml === false) {
        it(`is Pier's own: ${family.xml.join(', ')} (Jetty's, unchanged) does not set ${factoryName}`, () => {
          for (const file of family.xml) expect(setElement(read(file), factoryName), file).to.equal(null);
        });
      } else {
        const feeds = setting.property ? [setting.property] : (setting.nestedProperties ?? []);
        it(`is set by ${family.xml.join(' and ')} as ${factoryName}${feeds.length ? ` from ${feeds.join(' and ')}` : ''}`, () => {
          for (const file of family.xml) {
            const element = setElement(read(file), factoryName);
            expect(element, `<Set name="${factoryName}"> in ${file}`).to.not.equal(null);
            for (const property of feeds) expect(element, `${file}: ${factoryName}`).to.include(`<Property name="${property}"`);
          }
        });
        for (const property of feeds) {
          it(`lists ${property} in ${family.modules.join(' and ')}'s ini-template and in docs/sessions.md`, () => {
            for (const module of family.modules) {
              const template = read(module).split('[ini-template]')[1] ?? '';
              expect(template, module).to.match(new RegExp(`^#?${escape(property)}=`, 'm'));
            }
            expect(read('docs/sessions.md')).to.include(property);
          });
        }
      }

      it(`is described in docs/sessions.md${factoryName !== key ? ` under both names, ${key} and ${factoryName}` : ''}`, () => {
        const docs = read('docs/sessions.md');
        for (const name of new Set([key, factoryName])) expect(docs).to.include(`\`${name}\``);
      });
    }

    it("hands the factory's values to everything it makes", () => {
      const field = family.field ?? 'settings';
      const factory = new family.factory() as Record<string, Record<string, unknown>>;
      const handed = Object.entries(family.spec).filter(([, s]) => !s.factoryOnly);
      for (const [name] of handed) factory[field][name] = { marker: name };
      const made = (
        family.make ? family.make(factory) : (factory as unknown as { getSessionDataStore(h: unknown): object }).getSessionDataStore(null)
      ) as Record<string, Record<string, unknown>>;
      for (const [name] of handed) expect(made[field][name], name).to.deep.equal({ marker: name });
    });
  });
}
