import { expect } from 'chai';
import '../fixtures/ioc/beans';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { XmlConfigurationError } from '../../src/ioc/errors';
import { XmlSyntaxError } from '../../src/xml';
import { SystemProperties } from '../../src/ioc/system-properties';
import { ClassRegistry } from '../../src/ioc/class-registry';
import { Bean } from '../fixtures/ioc/beans';
import { fixturePath } from '../support/corpus';
import { captureIocLog } from '../support/log-capture';
import { DOCTYPE_9_3, thrown, xmlConfig } from '../support/xml-config';

const chain = (f: string): string => fixturePath('ioc', 'chain', f);

describe('XmlConfiguration', () => {
  const log = captureIocLog();

  describe('configure()', () => {
    it('constructs the root class with its leading Args and registers the root id', () => {
      const cfg = new XmlConfiguration(chain('a.xml'));
      const server = cfg.configure() as Bean;
      expect(server).to.be.instanceOf(Bean).and.include({ name: 'server', port: 8080 });
      expect(cfg.getIdMap().get('Server')).to.equal(server);
      expect((cfg.getIdMap().get('helper') as Bean).name).to.equal('helper');
    });

    it('reuses the object already registered under the root id, ignoring Args with a warning', () => {
      const idMap = new Map<string, unknown>();
      const first = new XmlConfiguration(chain('a.xml'), { idMap }).configure() as Bean;
      const second = new XmlConfiguration(chain('b.xml'), { idMap }).configure();
      expect(second).to.equal(first);
      expect(first.child).to.equal(idMap.get('helper'));
      expect((idMap.get('helper') as Bean).port).to.equal(9);
      expect(log.map((r) => r.message)).to.deep.include("Ignored arg: the object 'Server' already exists (at Configure)");
      expect(log[0].location).to.deep.equal({ file: chain('b.xml'), line: 4, column: 1 });
    });

    it('returns null for a Configure without class or id, still running its statements', () => {
      const cfg = new XmlConfiguration(chain('c.xml'), { properties: { 'extra.name': 'x' } });
      expect(cfg.configure()).to.equal(null);
      expect((cfg.getIdMap().get('extra') as Bean).name).to.equal('x');
    });

    it('calls the initializeDefaults hook for the root object, before its statements', () => {
      const seen: unknown[] = [];
      new XmlConfiguration(chain('a.xml'), { initializeDefaults: (o) => seen.push((o as Bean).port) }).configure();
      expect(seen).to.deep.equal([0, 0]);
    });

    it('accepts a file: URL', () => {
      expect(new XmlConfiguration(`file://${chain('a.xml')}`).configure()).to.be.instanceOf(Bean);
    });
  });

  describe('Jetty 10 forms', () => {
    it('accepts <Id> and <Class> elements on Configure and <Name> on Get', () => {
      const cfg = XmlConfiguration.fromString(
        '<Configure><Id>b</Id><Class>org.example.pier.Bean</Class><Arg>n</Arg>' + '<Get id="g"><Name>name</Name></Get></Configure>',
        'ten.xml',
      );
      const b = cfg.configure() as Bean;
      expect(b.name).to.equal('n');
      expect(cfg.getIdMap().get('b')).to.equal(b);
      expect(cfg.getIdMap().get('g')).to.equal('n');
    });
  });

  describe('registries', () => {
    it('reaches a class registered only in a child registry (a web app), and not without it', () => {
      class AppThing {
        value = 'app';
      }
      const child = ClassRegistry.default.createChild().register(AppThing, 'com.acme.AppThing');
      const text = '<Configure><New id="t" class="com.acme.AppThing"/></Configure>';
      const cfg = XmlConfiguration.fromString(text, 'app.xml', { registry: child });
      cfg.configure();
      expect(cfg.getIdMap().get('t')).to.be.instanceOf(AppThing);
      expect(thrown(() => XmlConfiguration.fromString(text, 'app.xml').configure())).to.be.instanceOf(XmlConfigurationError);
    });
  });

  describe('configure(obj)', () => {
    it('configures the given object, registering the id and ignoring Args', () => {
      const b = new Bean('given');
      const cfg = xmlConfig('<Arg>x</Arg><Set name="port">1</Set>', { attrs: 'id="me" class="org.example.pier.Bean"' });
      expect(cfg.configure(b)).to.equal(b);
      expect(b.port).to.equal(1);
      expect(cfg.getIdMap().get('me')).to.equal(b);
      expect(log.map((r) => r.message)[0]).to.match(/^Ignored arg/);
    });

    it('refuses an object that is not of the class named by class=', () => {
      const e = thrown(() => xmlConfig('', { attrs: 'class="org.example.pier.Bean"' }).configure(new Map())) as XmlConfigurationError;
      expect(e.detail).to.equal("Cannot configure an object of class 'Map': it is not of type 'org.example.pier.Bean'");
      expect(e.location).to.deep.equal({ file: 'test.xml', line: 3, column: 1 });
    });

    it('accepts a subclass', () => {
      const cfg = xmlConfig('<Set name="port">2</Set>', { attrs: 'class="org.example.pier.Bean"' });
      expect(() => cfg.configure(new (class extends Bean {})())).not.to.throw();
    });
  });

  describe('applyAll', () => {
    it('applies files in order with one id map and property map, returning the distinct objects', () => {
      const idMap = new Map<string, unknown>();
      const objs = XmlConfiguration.applyAll([chain('a.xml'), chain('b.xml'), chain('c.xml')], { properties: { port: '81' }, idMap });
      expect(objs).to.have.length(1);
      expect(objs[0]).to.equal(idMap.get('Server')).and.include({ port: 81 });
      expect(idMap.has('extra')).to.equal(true);
    });
  });

  describe('setJettyStandardIdsAndProperties', () => {
    afterEach(() => {
      SystemProperties.clear('jetty.home');
      SystemProperties.clear('jetty.base');
    });

    it('sets the Server id and the jetty.home/base/webapp properties', () => {
      SystemProperties.set('jetty.home', '/opt/home');
      SystemProperties.set('jetty.base', '/opt/base');
      const cfg = xmlConfig('');
      const server = new Bean();
      cfg.setJettyStandardIdsAndProperties(server, '/opt/base/webapps/app.xml');
      expect(cfg.getIdMap().get('Server')).to.equal(server);
      expect(Object.fromEntries(cfg.getProperties())).to.deep.equal({
        'jetty.home': '/opt/home',
        'jetty.home.uri': 'file:///opt/home',
        'jetty.base': '/opt/base',
        'jetty.base.uri': 'file:///opt/base',
        'jetty.webapp': '/opt/base/webapps/app.xml',
        'jetty.webapps': '/opt/base/webapps',
        'jetty.webapps.uri': 'file:///opt/base/webapps',
      });
    });
  });

  describe('errors', () => {
    it('reports a malformed file as a located XmlSyntaxError', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-ioc-'));
      const f = path.join(dir, 'bad.xml');
      fs.writeFileSync(f, `<?xml version="1.0"?>\n${DOCTYPE_9_3}\n<Configure>\n  <Set name="a">x</Put>\n</Configure>\n`);
      try {
        const e = thrown(() => new XmlConfiguration(f));
        expect(e).to.be.instanceOf(XmlSyntaxError).and.include({ file: f, line: 4 });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('reports a missing file', () => {
      expect(thrown(() => new XmlConfiguration('/nonexistent/pier.xml')).message).to.contain("Cannot read configuration '/nonexistent/pier.xml'");
    });

    it('refuses a root element other than Configure', () => {
      const e = thrown(() => XmlConfiguration.fromString('<beans/>', 'spring.xml')) as XmlConfigurationError;
      expect(e.message).to.equal(
        'spring.xml:1:1: Cannot configure from <beans>: unknown configuration type (the root element must be <Configure>)\n  at beans',
      );
    });

    it('refuses an unknown DOCTYPE with its location', () => {
      const e = thrown(() =>
        XmlConfiguration.fromString('<?xml version="1.0"?>\n<!DOCTYPE Configure SYSTEM "http://example.invalid/my.dtd">\n<Configure/>', 'u.xml'),
      );
      expect(e).to.be.instanceOf(XmlSyntaxError).and.include({ file: 'u.xml', line: 2, column: 1 });
    });

    it("parses on past an unknown DOCTYPE when the parse option unknownDtd is 'ignore', with a warning", () => {
      const cfg = XmlConfiguration.fromString('<!DOCTYPE Configure SYSTEM "my.dtd">\n<Configure class="org.example.pier.Bean"/>', 'u.xml', {
        parse: { unknownDtd: 'ignore' },
      });
      expect(cfg.configure()).to.be.instanceOf(Bean);
      expect(log.map((r) => r.message)).to.deep.equal(['Ignored unknown external DTD SYSTEM "my.dtd": it was not fetched']);
    });

    it('reports an unknown tag with file, line, column and element path', () => {
      const e = thrown(() =>
        xmlConfig('<New class="org.example.pier.Bean">\n  <set name="port">1</set>\n</New>').configure(),
      ) as XmlConfigurationError;
      expect(e.location).to.deep.equal({ file: 'test.xml', line: 5, column: 3 });
      expect(e.elementPath).to.equal('Configure > New[Bean] > set[port]');
      expect(e.detail).to.match(
        /^Cannot execute <set>: unknown tag \(statements are Set, Get, Put, Call, New, Ref, Array, Map, Property, SystemProperty, Env\)$/,
      );
    });

    it('reports an unknown root class with suggestions', () => {
      const e = thrown(() => xmlConfig('', { attrs: 'class="org.example.pier.bean"' }).configure()) as XmlConfigurationError;
      expect(e.detail).to.contain("did you mean 'org.example.pier.Bean'");
      expect(e.location).to.deep.equal({ file: 'test.xml', line: 3, column: 12 });
    });

    it('reports a wrong value type for a setter, with the element path of the nested failure', () => {
      const e = thrown(() =>
        xmlConfig(
          '<Call class="org.example.pier.Bean" name="create">\n  <Set name="child">\n    <New class="java.util.HashMap"/>\n  </Set>\n</Call>',
        ).configure(),
      ) as XmlConfigurationError;
      expect(e.location).to.deep.equal({ file: 'test.xml', line: 5, column: 3 });
      expect(e.elementPath).to.equal('Configure > Call[create] > Set[child]');
      expect(e.detail).to.equal(
        "Cannot set 'child' on org.example.pier.Bean: no setter org.example.pier.Bean.setChild(java.util.HashMap) accepts the value. Found setters for org.example.pier.Bean",
      );
    });
  });
});
