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
