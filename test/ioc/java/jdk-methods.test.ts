import { expect } from 'chai';
import { xmlConfig, thrown } from '../../support/xml-config';
import { JavaArrayList, JavaHashSet, JavaString } from '../../../src/ioc/java';

/** The ids a file registers. */
const ids = (body: string): Map<string, unknown> => {
  const cfg = xmlConfig(body);
  cfg.configure();
  return cfg.getIdMap();
};

/** What `<Call id="r" ...>` answers on the String `text` (made with `<New class="java.lang.String">`). */
const onString = (text: string, call: string): unknown => ids(`<New class="java.lang.String"><Arg type="String">${text}</Arg>${call}</New>`).get('r');

/** What `<Call id="r" ...>` answers on a List of `items` (made with `Arrays.asList`). */
const onList = (items: string, call: string): unknown =>
  ids(`<Call class="java.util.Arrays" name="asList"><Arg><Array type="String">${items}</Array></Arg>${call}</Call>`).get('r');

describe('the Java methods of a String in XML', () => {
  it('answers length(), isEmpty() and charAt(int) as Java does', () => {
    expect(onString('Hello', '<Call id="r" name="length"/>')).to.equal(5);
    expect(onString('', '<Call id="r" name="isEmpty"/>')).to.equal(true);
    expect(onString('Hello', '<Call id="r" name="charAt"><Arg type="int">1</Arg></Call>')).to.equal('e');
  });

  it('takes substring(begin) and substring(begin, end), and refuses a reversed range instead of swapping it', () => {
    expect(onString('Hello', '<Call id="r" name="substring"><Arg type="int">1</Arg></Call>')).to.equal('ello');
    expect(onString('Hello', '<Call id="r" name="substring"><Arg type="int">1</Arg><Arg type="int">3</Arg></Call>')).to.equal('el');
    const e = thrown(() => onString('Hello', '<Call name="substring"><Arg type="int">3</Arg><Arg type="int">1</Arg></Call>'));
    expect(e.message).to.contain('begin 3, end 1, length 5 (StringIndexOutOfBoundsException)');
  });

  it('compares with equals, equalsIgnoreCase, compareTo, startsWith, endsWith and contains', () => {
    expect(onString('abc', '<Call id="r" name="equals"><Arg>abc</Arg></Call>')).to.equal(true);
    expect(onString('abc', '<Call id="r" name="equals"><Arg type="int">1</Arg></Call>')).to.equal(false);
    expect(onString('abc', '<Call id="r" name="equalsIgnoreCase"><Arg>ABC</Arg></Call>')).to.equal(true);
    expect(onString('apple', '<Call id="r" name="compareTo"><Arg>banana</Arg></Call>')).to.equal(-1);
    expect(onString('ab', '<Call id="r" name="compareTo"><Arg>abcd</Arg></Call>')).to.equal(-2);
    expect(onString('/static/x', '<Call id="r" name="startsWith"><Arg>/static</Arg></Call>')).to.equal(true);
    expect(onString('a.war', '<Call id="r" name="endsWith"><Arg>.war</Arg></Call>')).to.equal(true);
    expect(onString('a.war', '<Call id="r" name="contains"><Arg>.w</Arg></Call>')).to.equal(true);
  });

  it('transforms with trim, toUpperCase, toLowerCase, replace (every occurrence, literally) and concat', () => {
    expect(onString(' \t x \n', '<Call id="r" name="trim"/>')).to.equal('x');
    expect(onString('Ab', '<Call id="r" name="toUpperCase"/>')).to.equal('AB');
    expect(onString('Ab', '<Call id="r" name="toLowerCase"/>')).to.equal('ab');
    expect(onString('a.b.c', '<Call id="r" name="replace"><Arg>.</Arg><Arg>/</Arg></Call>')).to.equal('a/b/c');
    expect(onString('a', '<Call id="r" name="concat"><Arg>b</Arg></Call>')).to.equal('ab');
  });

  it('finds with indexOf and lastIndexOf, from a position too', () => {
    expect(onString('a/b/c', '<Call id="r" name="indexOf"><Arg>/</Arg></Call>')).to.equal(1);
    expect(onString('a/b/c', '<Call id="r" name="indexOf"><Arg>/</Arg><Arg type="int">2</Arg></Call>')).to.equal(3);
    expect(onString('a/b/c', '<Call id="r" name="lastIndexOf"><Arg>/</Arg></Call>')).to.equal(3);
  });

  it("splits into a String[] by a regular expression, dropping trailing empty strings as Java's split does", () => {
    expect([...(onString('a, b,,c,,', '<Call id="r" name="split"><Arg>,\\s*</Arg></Call>') as string[])]).to.deep.equal(['a', 'b', '', 'c']);
    expect([...(onString('a,b,c', '<Call id="r" name="split"><Arg>,</Arg><Arg type="int">2</Arg></Call>') as string[])]).to.deep.equal(['a', 'b,c']);
    expect([...(onString('abc', '<Call id="r" name="split"><Arg type="String"></Arg></Call>') as string[])]).to.deep.equal(['a', 'b', 'c']);
    expect([...(onString(',', '<Call id="r" name="split"><Arg>,</Arg></Call>') as string[])]).to.deep.equal([]);
  });

  it("hashes as Java's String.hashCode", () => {
    expect(onString('Hello', '<Call id="r" name="hashCode"/>')).to.equal(69609650);
    expect(onString('a longer string that overflows', '<Call id="r" name="hashCode"/>')).to.equal(-1789667313);
  });

  it('passes a result on as an argument: indexOf() reaches substring(int)', () => {
    expect(onString('abcdef', '<Call id="r" name="substring"><Arg><Call name="indexOf"><Arg>c</Arg></Call></Arg></Call>')).to.equal('cdef');
  });

  it('names the methods it has when XML calls one it does not', () => {
    const e = thrown(() => onString('abc', '<Call name="padStart"/>'));
    expect(e.message).to.contain('Cannot call String.padStart(): String has no such method in Pier (its Java methods here are charAt, compareTo,');
  });
});

describe('the Java methods of numbers and booleans in XML', () => {
  const onInt = (text: string, call: string): unknown => ids(`<New class="java.lang.Integer"><Arg type="int">${text}</Arg>${call}</New>`).get('r');
  const onDouble = (text: string, call: string): unknown =>
    ids(`<New class="java.lang.Double"><Arg type="double">${text}</Arg>${call}</New>`).get('r');

  it('narrows with intValue, longValue, shortValue and byteValue as Java casts do', () => {
    expect(onDouble('-3.9', '<Call id="r" name="intValue"/>')).to.equal(-3);
    expect(ids('<New class="java.lang.Long"><Arg type="long">1000000000000</Arg><Call id="r" name="intValue"/></New>').get('r')).to.equal(-727379968);
    expect(onDouble('1e300', '<Call id="r" name="longValue"/>')).to.equal(2 ** 63);
    expect(onInt('300', '<Call id="r" name="byteValue"/>')).to.equal(44);
    expect(onInt('70000', '<Call id="r" name="shortValue"/>')).to.equal(4464);
    expect(onInt('7', '<Call id="r" name="doubleValue"/>')).to.equal(7);
  });

  it('compares and hashes as Integer and Double do', () => {
    expect(onInt('7', '<Call id="r" name="compareTo"><Arg type="int">9</Arg></Call>')).to.equal(-1);
    expect(onInt('7', '<Call id="r" name="equals"><Arg type="int">7</Arg></Call>')).to.equal(true);
    expect(onInt('7', '<Call id="r" name="equals"><Arg>7</Arg></Call>')).to.equal(false);
    expect(onInt('7', '<Call id="r" name="hashCode"/>')).to.equal(7);
    expect(onDouble('1.5', '<Call id="r" name="hashCode"/>')).to.equal(1073217536);
  });

  it('answers booleanValue, equals and hashCode on a Boolean', () => {
    const on = (call: string): unknown => ids(`<New class="java.lang.Boolean"><Arg type="boolean">true</Arg>${call}</New>`).get('r');
    expect(on('<Call id="r" name="booleanValue"/>')).to.equal(true);
    expect(on('<Call id="r" name="equals"><Arg type="boolean">true</Arg></Call>')).to.equal(true);
    expect(on('<Call id="r" name="hashCode"/>')).to.equal(1231);
  });
});

describe('the Java methods of collections in XML', () => {
  it('answers size, isEmpty, get, contains and indexOf on a List, by Java equals', () => {
    expect(onList('<Item>a</Item><Item>b</Item>', '<Call id="r" name="size"/>')).to.equal(2);
    expect(onList('', '<Call id="r" name="isEmpty"/>')).to.equal(true);
    expect(onList('<Item>a</Item><Item>b</Item>', '<Call id="r" name="get"><Arg type="int">1</Arg></Call>')).to.equal('b');
    expect(onList('<Item>a</Item><Item>b</Item>', '<Call id="r" name="contains"><Arg>b</Arg></Call>')).to.equal(true);
    expect(onList('<Item>a</Item><Item>b</Item>', '<Call id="r" name="indexOf"><Arg>b</Arg></Call>')).to.equal(1);
    expect(thrown(() => onList('<Item>a</Item>', '<Call name="get"><Arg type="int">4</Arg></Call>')).message).to.contain(
      'Cannot get an element at index 4: the size is 1 (IndexOutOfBoundsException)',
    );
  });

  it('adds at the end and at an index, removes by index for an int and by value otherwise, and copies to an Object[]', () => {
    const m = ids(
      '<New id="l" class="java.util.ArrayList">' +
        '<Call name="add"><Arg>a</Arg></Call><Call name="add"><Arg>c</Arg></Call>' +
        '<Call name="add"><Arg type="int">1</Arg><Arg>b</Arg></Call><Call name="add"><Arg>d</Arg></Call>' +
        '<Call name="remove"><Arg type="int">0</Arg></Call><Call id="removed" name="remove"><Arg>d</Arg></Call>' +
        '<Call id="arr" name="toArray"/></New>',
    );
    expect([...(m.get('l') as string[])]).to.deep.equal(['b', 'c']);
    expect(m.get('removed')).to.equal(true);
    expect([...(m.get('arr') as string[])]).to.deep.equal(['b', 'c']);
  });

  it('answers put, get, containsKey, keySet, values and size on a Map', () => {
    const m = ids(
      '<Map id="m"><Entry><Item>b</Item><Item>2</Item></Entry></Map>' +
        '<Ref refid="m"><Call id="old" name="put"><Arg>b</Arg><Arg>3</Arg></Call><Call name="put"><Arg>a</Arg><Arg>1</Arg></Call>' +
        '<Call id="size" name="size"/><Call id="has" name="containsKey"><Arg>a</Arg></Call><Call id="none" name="get"><Arg>z</Arg></Call>' +
        '<Call id="keys" name="keySet"/><Call id="values" name="values"/></Ref>',
    );
    expect(m.get('old')).to.equal('2');
    expect(m.get('size')).to.equal(2);
    expect(m.get('has')).to.equal(true);
    expect(m.get('none')).to.equal(null);
    expect([...(m.get('keys') as Set<string>)]).to.deep.equal(['b', 'a']);
    expect(m.get('keys')).to.be.instanceOf(JavaHashSet);
    expect([...(m.get('values') as string[])]).to.deep.equal(['3', '1']);
  });

  it('adds to a Set only what it does not contain, answering whether it changed', () => {
    const m = ids(
      '<New id="s" class="java.util.HashSet"><Call id="first" name="add"><Arg>x</Arg></Call><Call id="again" name="add"><Arg>x</Arg></Call><Call id="n" name="size"/></New>',
    );
    expect([m.get('first'), m.get('again'), m.get('n')]).to.deep.equal([true, false, 1]);
  });

  it('compares Lists by content with equals and hashes them as Java does', () => {
    const m = ids(
      '<Call id="a" class="java.util.Arrays" name="asList"><Arg><Array type="String"><Item>x</Item><Item>y</Item></Array></Arg></Call>' +
        '<New class="java.util.ArrayList"><Call name="add"><Arg>x</Arg></Call><Call name="add"><Arg>y</Arg></Call>' +
        '<Call id="eq" name="equals"><Arg><Ref refid="a"/></Arg></Call><Call id="h" name="hashCode"/></New>',
    );
    expect(m.get('eq')).to.equal(true);
    expect(m.get('h')).to.equal(4802);
  });
});

describe("java.lang.Object's methods in XML", () => {
  it('are callable on any value, Jetty objects included: hashCode and equals by identity, toString as Class@hash', () => {
    const m = ids(
      '<New id="o" class="java.lang.Object"><Call id="h" name="hashCode"/><Call id="self" name="equals"><Arg><Ref refid="o"/></Arg></Call>' +
        '<Call id="other" name="equals"><Arg><New class="java.lang.Object"/></Arg></Call><Call id="s" name="toString"/></New>',
    );
    expect(m.get('h')).to.be.a('number');
    expect([m.get('self'), m.get('other')]).to.deep.equal([true, false]);
    expect(m.get('s')).to.equal(`java.lang.Object@${(m.get('h') as number).toString(16)}`);
  });

  it('give getClass() the class XML names, whose getName() is its Java name', () => {
    const m = ids(
      '<New class="java.lang.String"><Arg>x</Arg><Call id="c" name="getClass"><Call id="n" name="getName"/><Call id="simple" name="getSimpleName"/></Call></New>' +
        '<New class="java.util.ArrayList"><Call name="getClass"><Call id="list" name="getName"/></Call></New>',
    );
    expect(m.get('c')).to.equal(JavaString);
    expect([m.get('n'), m.get('simple'), m.get('list')]).to.deep.equal(['java.lang.String', 'String', 'java.util.ArrayList']);
  });

  it('leave the methods a class declares in charge where they take the same number of arguments', () => {
    const m = ids(
      '<New class="java.util.Properties"><Call name="setProperty"><Arg>k</Arg><Arg>v</Arg></Call><Call id="v" name="getProperty"><Arg>k</Arg></Call><Call id="d" name="getProperty"><Arg>x</Arg><Arg>dflt</Arg></Call></New>',
    );
    expect([m.get('v'), m.get('d')]).to.deep.equal(['v', 'dflt']);
    expect(new JavaArrayList()).to.be.an('array');
  });
});
