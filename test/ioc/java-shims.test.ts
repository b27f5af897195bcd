import { expect } from 'chai';
import { xmlConfig, thrown } from '../support/xml-config';
import { JavaFile, JavaTimeUnit, JavaTimeZone } from '../../src/ioc/java';
import { withLogCapture } from '../support/log-capture';

const ids = (body: string): Map<string, unknown> => {
  const cfg = xmlConfig(body);
  cfg.configure();
  return cfg.getIdMap();
};

describe('java.* shims', () => {
  it('java.util.TimeZone.getTimeZone keeps known ids and falls back to GMT', () => {
    const m = ids(
      '<Call id="a" class="java.util.TimeZone" name="getTimeZone"><Arg>Europe/Paris</Arg></Call>' +
        '<Call id="b" class="java.util.TimeZone" name="getTimeZone"><Arg>Nowhere/Land</Arg></Call>',
    );
    expect((m.get('a') as JavaTimeZone).getID()).to.equal('Europe/Paris');
    expect((m.get('b') as JavaTimeZone).getID()).to.equal('GMT');
  });

  it('java.util.concurrent.TimeUnit.valueOf converts durations and refuses unknown units', () => {
    const m = ids('<Call id="u" class="java.util.concurrent.TimeUnit" name="valueOf"><Arg>SECONDS</Arg></Call>');
    expect((m.get('u') as JavaTimeUnit).toMillis(2)).to.equal(2000);
    expect(thrown(() => ids('<Call class="java.util.concurrent.TimeUnit" name="valueOf"><Arg>WEEKS</Arg></Call>')).message).to.contain(
      "Cannot convert 'WEEKS' to TimeUnit",
    );
  });

  it('java.io.File joins parent and child and reports its path', () => {
    const m = ids('<New id="f" class="java.io.File"><Arg>/a</Arg><Arg>b.txt</Arg><Get name="name" id="n"/></New>');
    expect((m.get('f') as JavaFile).getPath()).to.equal('/a/b.txt');
    expect(m.get('n')).to.equal('b.txt');
  });

  it('java.lang.Integer.parseInt and valueOf parse strictly', () => {
    const m = ids('<Call id="i" class="java.lang.Integer" name="parseInt"><Arg>12</Arg></Call>');
    expect(m.get('i')).to.equal(12);
    expect(thrown(() => ids('<Call class="java.lang.Integer" name="valueOf"><Arg>x</Arg></Call>')).message).to.contain(
      "Cannot convert 'x' to Integer",
    );
  });

  it('java.lang.String.valueOf formats an int like Java', () => {
    expect(ids('<Call id="s" class="java.lang.String" name="valueOf"><Arg type="int">-1</Arg></Call>').get('s')).to.equal('-1');
  });

  it('java.net.InetSocketAddress keeps host and port', () => {
    const m = ids('<New id="a" class="java.net.InetSocketAddress"><Arg>localhost</Arg><Arg type="int">80</Arg></New>');
    expect(String(m.get('a'))).to.equal('localhost:80');
  });

  it('java.util.ArrayList and HashSet are a JS array and a JS Set', () => {
    const m = ids(
      '<New id="l" class="java.util.ArrayList"><Call name="add"><Arg>x</Arg></Call></New><New id="s" class="java.util.HashSet"><Call name="add"><Arg>x</Arg></Call><Call name="add"><Arg>x</Arg></Call></New>',
    );
    expect([...(m.get('l') as string[])]).to.deep.equal(['x']);
    expect((m.get('s') as Set<string>).size).to.equal(1);
  });
});

describe('org.eclipse.jetty.util.log.Log', () => {
  it("logs warn/info on Pier's loggers (the root logger has no name) with {} formatting", async () => {
    const records = await withLogCapture((captured) => {
      ids(
        '<Get class="org.eclipse.jetty.util.log.Log" name="rootLogger"><Call name="warn"><Arg>deployed. DO NOT USE IN PRODUCTION!</Arg></Call></Get>' +
          '<Call class="org.eclipse.jetty.util.log.Log" name="getLogger"><Arg>x</Arg><Call name="info"><Arg>a {} c</Arg><Arg><Array><Item>b</Item></Array></Arg></Call></Call>',
      );
      return captured.map((r) => `${r.level} '${r.logger}': ${r.message}`);
    });
    expect(records).to.deep.equal(["WARN '': deployed. DO NOT USE IN PRODUCTION!", "INFO 'x': a b c"]);
  });
});

describe('java.util.TreeMap and TreeSet', () => {
  it('iterate in natural order whatever order XML added the keys in, as Java sorts them', () => {
    const m = ids(
      '<New id="m" class="java.util.TreeMap"><Call name="put"><Arg>b</Arg><Arg>2</Arg></Call><Call name="put"><Arg>a</Arg><Arg>1</Arg></Call>' +
        '<Call name="put"><Arg>B</Arg><Arg>3</Arg></Call><Call name="put"><Arg>b</Arg><Arg>4</Arg></Call><Call id="first" name="firstKey"/></New>' +
        '<New id="s" class="java.util.TreeSet"><Call name="add"><Arg type="int">10</Arg></Call><Call name="add"><Arg type="int">9</Arg></Call>' +
        '<Call name="add"><Arg type="int">-1</Arg></Call><Call id="last" name="last"/></New>',
    );
    expect([...(m.get('m') as Map<string, string>)]).to.deep.equal([
      ['B', '3'],
      ['a', '1'],
      ['b', '4'],
    ]);
    expect(m.get('first')).to.equal('B');
    expect([...(m.get('s') as Set<number>)]).to.deep.equal([-1, 9, 10]);
    expect(m.get('last')).to.equal(10);
  });

  it('refuse keys that have no order in common, as Java throws ClassCastException', () => {
    const e = thrown(() =>
      ids('<New class="java.util.TreeSet"><Call name="add"><Arg>a</Arg></Call><Call name="add"><Arg type="int">1</Arg></Call></New>'),
    );
    expect(e.message).to.contain('Cannot compare java.lang.String with java.lang.Integer (ClassCastException)');
  });

  it('sort a <Map class="java.util.TreeMap"> built from entries', () => {
    const m = ids(
      '<Map id="m" class="java.util.TreeMap"><Entry><Item>z</Item><Item>1</Item></Entry><Entry><Item>y</Item><Item>2</Item></Entry></Map>',
    );
    expect([...(m.get('m') as Map<string, string>).keys()]).to.deep.equal(['y', 'z']);
  });
});

describe('java.util.Arrays and java.lang.StringBuilder', () => {
  it('Arrays.asList makes a List of an <Array>', () => {
    const m = ids('<Call id="l" class="java.util.Arrays" name="asList"><Arg><Array type="String"><Item>a</Item><Item>b</Item></Array></Arg></Call>');
    expect([...(m.get('l') as string[])]).to.deep.equal(['a', 'b']);
  });

  it('StringBuilder appends values as String.valueOf prints them, inserts, and reports its length', () => {
    const m = ids(
      '<New id="sb" class="java.lang.StringBuilder"><Arg>x=</Arg><Call name="append"><Arg type="int">1</Arg></Call>' +
        '<Call name="append"><Arg type="boolean">true</Arg></Call><Call name="insert"><Arg type="int">0</Arg><Arg>[</Arg></Call>' +
        '<Call id="n" name="length"/><Call id="s" name="toString"/></New>',
    );
    expect(m.get('s')).to.equal('[x=1true');
    expect(m.get('n')).to.equal(8);
  });
});
