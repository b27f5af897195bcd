/**
 * Each store family's settings record (src/session/store-settings.ts) against everything else that names
 * its settings: the store and its factory (Jetty's setters and getters, reachable from XML, the factory's
 * values handed to its stores), the store's XML, its module's ini-template and docs/sessions.md.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getInstanceMembers } from '../../src/ioc/metadata';
import type { StoreSettingsSpec } from '../../src/session/store-settings';
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
  readonly store: new () => object;
  readonly factory: new () => object;
  readonly xml: string;
  readonly module: string;
}

const FAMILIES: readonly Family[] = [
  {
    name: 'file',
    spec: FILE_STORE_SETTINGS,
    store: FileSessionDataStore,
    factory: FileSessionDataStoreFactory,
    xml: 'etc/sessions/file/session-store.xml',
    module: 'modules/session-store-file.mod',
  },
  {
    name: 'JDBC',
    spec: JDBC_STORE_SETTINGS,
    store: JDBCSessionDataStore,
    factory: JDBCSessionDataStoreFactory,
    xml: 'etc/sessions/jdbc/session-store.xml',
    module: 'modules/session-store-jdbc.mod',
  },
  {
    name: 'Redis',
    spec: REDIS_STORE_SETTINGS,
    store: RedisSessionDataStore,
    factory: RedisSessionDataStoreFactory,
    xml: 'etc/sessions/redis/session-store.xml',
    module: 'modules/session-store-redis.mod',
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

for (const family of FAMILIES) {
  describe(`The ${family.name} store's settings record`, () => {
    for (const [name, setting] of Object.entries(family.spec)) {
      const getter = `${setting.getter ?? 'get'}${capitalize(name)}`;

      it(`gives the store and its factory Jetty's set${capitalize(name)} and ${getter}, reachable from XML, with the default ${String(setting.default)}`, () => {
        for (const cls of [family.store, family.factory]) {
          expect(exposedNames(cls), cls.name).to.include.members([`set${capitalize(name)}`, getter]);
          expect((new cls() as Record<string, () => unknown>)[getter](), `${cls.name}.${getter}()`).to.equal(setting.default);
        }
      });

      it(`is set by ${family.xml}${setting.property ? ` from ${setting.property}` : ''}`, () => {
        const xml = read(family.xml);
        expect(xml).to.match(new RegExp(`<Set name="${name}">`));
        if (setting.property) expect(xml).to.include(`<Property name="${setting.property}"`);
      });

      const property = setting.property;
      if (property) {
        it(`lists ${property} in ${family.module}'s ini-template and in docs/sessions.md`, () => {
          const template = read(family.module).split('[ini-template]')[1] ?? '';
          expect(template).to.match(new RegExp(`^#?${property.replace(/\./g, '\\.')}=`, 'm'));
          expect(read('docs/sessions.md')).to.include(property);
        });
      }

      it('is described in docs/sessions.md', () => {
        expect(read('docs/sessions.md')).to.include(`\`${name}\``);
      });
    }

    it("hands the factory's values to every store it makes", () => {
      const factory = new family.factory() as Record<string, unknown> & {
        settings: Record<string, unknown>;
        getSessionDataStore(h: unknown): { settings: Record<string, unknown> };
      };
      for (const name of Object.keys(family.spec)) factory.settings[name] = { marker: name };
      const store = factory.getSessionDataStore(null);
      for (const name of Object.keys(family.spec)) expect(store.settings[name], name).to.deep.equal({ marker: name });
    });
  });
}
