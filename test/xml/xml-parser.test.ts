import { expect } from 'chai';
import { MAX_ELEMENT_DEPTH, parseXml, XmlSyntaxError, XmlElement, childElements } from '../../src/xml';
import { countArrayVisits } from '../support/array-visits';
import { thrown } from '../support/xml-config';

const DT = '<!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "http://www.eclipse.org/jetty/configure_9_3.dtd">';

describe('parseXml', () => {
  it('records the file, line and column of every start tag and attribute', () => {
    const doc = parseXml('<?xml version="1.0"?>\n<Configure>\n  <Set  name="a">x</Set>\n</Configure>', 'a.xml');
    const set = childElements(doc.root)[0];
    expect(doc.root.location).to.deep.equal({ file: 'a.xml', line: 2, column: 1 });
    expect(set.location).to.deep.equal({ file: 'a.xml', line: 3, column: 3 });
    expect(set.attributes[0]).to.deep.equal({ name: 'name', value: 'a', location: { file: 'a.xml', line: 3, column: 9 } });
  });

  it('keeps attributes in document order', () => {
    const doc = parseXml('<a z="1" b="2" m="3"/>', 'x');
    expect(doc.root.attributes.map((a) => a.name)).to.deep.equal(['z', 'b', 'm']);
  });

  it('merges text around comments and CDATA into one text child, dropping comments and PIs', () => {
    const doc = parseXml('<a>one<!-- c -->two<![CDATA[<three>]]><?pi x?>four</a>', 'x');
    expect(doc.root.children).to.have.length(1);
    expect(doc.root.children[0]).to.include({ kind: 'text', text: 'onetwo<three>four' });
  });

  it('resolves the five predefined entities and numeric character references', () => {
    const doc = parseXml('<a t="&lt;&amp;&quot;">&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x1F600;</a>', 'x');
    expect(doc.root.children[0]).to.include({ text: '<>&\'"AB\u{1F600}' });
    expect(doc.root.attributes[0].value).to.equal('<&"');
  });

  it('keeps whitespace text when there is no DOCTYPE', () => {
    const doc = parseXml('<Configure>\n  <New class="x"> </New>\n</Configure>', 'x');
    expect(doc.root.children.map((c) => c.kind)).to.deep.equal(['text', 'element', 'text']);
    expect((doc.root.children[1] as XmlElement).children).to.have.length(1);
  });

  it('drops whitespace in element-only content and normalises ids when a configure DTD is declared', () => {
    const doc = parseXml(`${DT}\n<Configure id="  a   b ">\n  <Ref refid="x"> </Ref>\n  <Set name="n"> v </Set>\n</Configure>`, 'x');
    expect(doc.root.children.map((c) => c.kind)).to.deep.equal(['element', 'element']);
    expect(doc.root.attributes[0].value).to.equal('a b');
    const [ref, set] = childElements(doc.root);
    expect(ref.children).to.have.length(0);
    expect(set.children[0]).to.include({ text: ' v ' });
  });

  it('normalises CRLF line ends and counts lines correctly after them', () => {
    const doc = parseXml('<a>\r\n<b/>\r\n</a>', 'x');
    expect(childElements(doc.root)[0].location.line).to.equal(2);
    expect(doc.root.children[0]).to.include({ text: '\n' });
  });

  it('takes local names of prefixed elements and attributes', () => {
    const doc = parseXml('<p:a xmlns:p="urn:x" p:b="1"/>', 'x');
    expect(doc.root.name).to.equal('a');
    expect(doc.root.attributes).to.deep.equal([{ name: 'b', value: '1', location: { file: 'x', line: 1, column: 22 } }]);
  });

  describe('DOCTYPE', () => {
    for (const [pub, sys, dtd] of [
      ['-//Jetty//Configure//EN', 'http://www.eclipse.org/jetty/configure_9_3.dtd', 'configure_9_3.dtd'],
      ['-//Mort Bay Consulting//DTD Configure//EN', 'http://jetty.mortbay.org/configure_9_3.dtd', 'configure_9_3.dtd'],
      ['-', 'http://www.eclipse.org/jetty/configure_9_3.dtd', 'configure_9_3.dtd'],
      ['-', 'https://www.eclipse.org/jetty/configure_10_0.dtd', 'configure_10_0.dtd'],
      ['-', 'http://example.invalid/configure.dtd', 'configure_9_0.dtd'],
      ['-', 'configure_6_0.dtd', 'configure_6_0.dtd'],
      ['-', 'http://example.invalid/x/configure_7_6.dtd', 'configure_7_6.dtd'],
      ['-//Sun Microsystems, Inc.//DTD Web Application 2.3//EN', 'http://java.sun.com/dtd/web-app_2_3.dtd', 'web-app_2_3.dtd'],
      ['-//Sun Microsystems, Inc.//DTD Web Application 2.2//EN', 'http://java.sun.com/j2ee/dtds/web-app_2_2.dtd', 'web-app_2_2.dtd'],
    ]) {
      it(`resolves PUBLIC "${pub}" "${sys}" to the known ${dtd} without fetching`, () => {
        const doc = parseXml(`<!DOCTYPE Configure PUBLIC "${pub}" "${sys}">\n<Configure/>`, 'x');
        expect(doc.doctype).to.include({ name: 'Configure', publicId: pub, systemId: sys, resolved: dtd });
      });
    }

    it('refuses an unknown external DTD with a located XmlSyntaxError by default', () => {
      const e = thrown(() =>
        parseXml(
          '<?xml version="1.0"?>\n<!DOCTYPE beans PUBLIC "-//SPRING//DTD BEAN//EN" "http://www.springframework.org/dtd/spring-beans.dtd">\n<beans/>',
          'spring.xml',
        ),
      );
      expect(e).to.be.instanceOf(XmlSyntaxError).and.instanceOf(SyntaxError);
      expect(e).to.include({ file: 'spring.xml', line: 2, column: 1 });
      expect(e.message).to.equal(
        'spring.xml:2:1: Cannot load DTD PUBLIC "-//SPRING//DTD BEAN//EN" "http://www.springframework.org/dtd/spring-beans.dtd": it is not a known Jetty DTD and external DTDs are never fetched',
      );
    });

    it("ignores an unknown external DTD with a warning when unknownDtd is 'ignore'", () => {
      const warnings: string[] = [];
      const doc = parseXml('<!DOCTYPE x SYSTEM "log4j.dtd">\n<x> </x>', 'l.xml', {
        unknownDtd: 'ignore',
        onWarning: (m, l) => warnings.push(`${l.line}:${m}`),
      });
      expect(doc.doctype?.resolved).to.equal(undefined);
      expect(warnings).to.deep.equal(['1:Ignored unknown external DTD SYSTEM "log4j.dtd": it was not fetched']);
    });

    it('expands internal entities declared in the internal subset', () => {
      const doc = parseXml('<!DOCTYPE a [\n<!ENTITY who "world">\n<!ENTITY greet "hello &who;">\n]>\n<a x="&who;">&greet;</a>', 'x');
      expect(doc.root.children[0]).to.include({ text: 'hello world' });
      expect(doc.root.attributes[0].value).to.equal('world');
    });

    it('refuses an external entity declaration (SYSTEM) with its location', () => {
      const e = thrown(() => parseXml('<!DOCTYPE a [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<a>&xxe;</a>', 'xxe.xml'));
      expect(e).to.be.instanceOf(XmlSyntaxError).and.include({ line: 2, column: 3 });
      expect(e.message).to.contain("Cannot declare external entity 'xxe'");
    });

    it('refuses a public id with a character a public id may not hold, at that character', () => {
      const e = thrown(() => parseXml('<!DOCTYPE Configure PUBLIC "-//Jetty//Configure/<x/EN" "configure_9_3.dtd">\n<Configure/>', 'p.xml'));
      expect(e.message).to.equal(
        'p.xml:1:49: Cannot parse DOCTYPE public id "-//Jetty//Configure/<x/EN": the character \'<\' is not allowed in a public id',
      );
    });

    it('refuses an external entity declaration (PUBLIC) too', () => {
      const e = thrown(() => parseXml('<!DOCTYPE a [<!ENTITY xxe PUBLIC "-//x//y" "http://example.invalid/x">]><a/>', 'x'));
      expect(e).to.be.instanceOf(XmlSyntaxError);
    });

    it('fails fast on a billion-laughs entity bomb with a clear error', () => {
      const decls = ['<!ENTITY lol "lol">'];
      for (let i = 1; i <= 9; i++) decls.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
      const e = thrown(() => parseXml(`<!DOCTYPE lolz [\n${decls.join('\n')}\n]>\n<lolz>&lol9;</lolz>`, 'bomb.xml'));
      expect(e).to.be.instanceOf(XmlSyntaxError).and.include({ line: 13, column: 7 });
      expect(e.message).to.match(/entity expansion exceeds 1000000 characters/);
    });

    it('refuses entities that nest too deeply', () => {
      const e = thrown(() => parseXml('<!DOCTYPE a [<!ENTITY a "&b;"><!ENTITY b "&a;">]><a>&a;</a>', 'x'));
      expect(e.message).to.match(/nest deeper than 16/);
    });
  });

  describe('malformed text', () => {
    it('reports a mismatched end tag with file, line and column', () => {
      const e = thrown(() => parseXml('<a>\n  <b>\n</a>', 'bad.xml'));
      expect(e).to.be.instanceOf(XmlSyntaxError).and.include({ file: 'bad.xml', line: 3 });
      expect(e.message).to.match(/^bad\.xml:3:\d+: Cannot parse XML: Expected closing tag 'b'/);
    });

    it('reports an undeclared entity with its location', () => {
      const e = thrown(() => parseXml('<a>\n x &nbsp; y</a>', 'e.xml'));
      expect(e).to.include({ line: 2, column: 4 });
      expect(e.message).to.contain("Cannot resolve entity '&nbsp;'");
    });

    it('reports a second root element', () => {
      expect(thrown(() => parseXml('<a/>\n<b/>', 'x'))).to.be.instanceOf(XmlSyntaxError);
    });

    it('reports an unclosed element at the end of the document', () => {
      expect(thrown(() => parseXml('<a><b></b>', 'x'))).to.be.instanceOf(XmlSyntaxError);
    });

    it('reports a repeated attribute', () => {
      const e = thrown(() => parseXml('<a x="1" x="2"/>', 'x'));
      expect(e).to.be.instanceOf(XmlSyntaxError).and.include({ line: 1 });
    });

    it('finds a repeated attribute among 5,000 with work that grows linearly, and names where it is', () => {
      // A context XML with 60,000 attributes once froze a hot deploy for 10.7 s: each attribute was
      // compared with every earlier one (12.5 million comparisons here instead of 5,000).
      const tag = (n: number, repeat: string): string => `<a${Array.from({ length: n }, (_, i) => ` x${i}="${i}"`).join('')}${repeat}/>`;
      const visits = (n: number): number => countArrayVisits(() => parseXml(tag(n, ''), 'x'));
      expect(visits(5000)).to.be.below(20 * 5000);
      expect(visits(10000)).to.be.at.most(2 * visits(5000) + 10);
      const e = thrown(() => parseXml(tag(5000, '\n x0="again"'), 'many.xml'));
      expect(e.message).to.match(/^many\.xml:2:2: Cannot parse .*'x0'.* repeated$/);
    });

    it('does not count a namespace declaration and an attribute with the same local name as a repeat', () => {
      const doc = parseXml('<a xmlns:p="urn:x" p="1"/>', 'x');
      expect(doc.root.attributes.map((a) => a.name)).to.deep.equal(['p']);
    });

    it('reports an empty document', () => {
      expect(thrown(() => parseXml('  ', 'x'))).to.be.instanceOf(XmlSyntaxError);
    });
  });
});

describe('parseXml() and a malformed XML declaration', () => {
  it('reports a quote inside the XML declaration as a located XmlSyntaxError', () => {
    // Found by the reliability fuzzer: a quote inserted into the XML declaration.
    const text = '<?xml vers"ion="1.0"?>\n<Configure class="x"/>\n';
    let caught: unknown;
    try {
      parseXml(text, 'mutant.xml');
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(XmlSyntaxError);
    expect((caught as Error).message).to.match(/^mutant\.xml:1:1: /);
  });
});

describe('parseXml() and the prolog', () => {
  it('accepts an XML declaration with version, encoding and standalone, and a BOM before it', () => {
    const doc = parseXml('\uFEFF<?xml version="1.0" encoding=\'ISO-8859-1\' standalone="no" ?>\n<a/>', 'x');
    expect(doc.root.location).to.include({ line: 2, column: 1 });
  });

  it('refuses an XML declaration without a version, or anywhere but at the very start', () => {
    const late = (target: string): string =>
      `Cannot parse processing instruction '${target}': the XML declaration is only allowed at the start of the document`;
    for (const [text, expected] of [
      ['<?xml encoding="UTF-8"?><a/>', '1:1: Cannot parse XML declaration: expected <?xml version="1.x" [encoding="..."] [standalone="yes|no"]?>'],
      ['\n<?xml version="1.0"?><a/>', `2:1: ${late('xml')}`],
      ['<a/><?XML version="1.0"?>', `1:5: ${late('XML')}`],
      ['<!-- c --><?xml version="1.0"?><a/>', `1:11: ${late('xml')}`],
    ]) {
      const e = thrown(() => parseXml(text, 'p.xml'));
      expect(e, text).to.be.instanceOf(XmlSyntaxError);
      expect(e.message, text).to.equal(`p.xml:${expected}`);
    }
  });

  it('keeps other processing instructions, such as xml-stylesheet, out of the tree', () => {
    const doc = parseXml('<?xml-stylesheet href="s.xsl"?>\n<a><?pi data?></a>', 'x');
    expect(doc.root.children).to.deep.equal([]);
  });

  it('refuses a character that XML does not allow, with its location', () => {
    const e = thrown(() => parseXml('<a>\n x\u0000</a>', 'nul.xml'));
    expect(e.message).to.equal('nul.xml:2:3: Cannot parse XML: the character U+0000 is not allowed in an XML document');
  });
});

describe('parseXml() and deep nesting', () => {
  const nested = (depth: number): string => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;

  it(`parses elements nested ${MAX_ELEMENT_DEPTH + 1} deep`, () => {
    let el = parseXml(nested(MAX_ELEMENT_DEPTH + 1), 'x').root;
    let depth = 1;
    while (el.children.length > 0) {
      el = el.children[0] as XmlElement;
      depth++;
    }
    expect(depth).to.equal(MAX_ELEMENT_DEPTH + 1);
  });

  it('refuses one level more, at the start tag that goes too deep', () => {
    const e = thrown(() => parseXml(nested(MAX_ELEMENT_DEPTH + 2), 'deep.xml'));
    expect(e.message).to.equal(
      `deep.xml:1:${3 * (MAX_ELEMENT_DEPTH + 1) + 1}: Cannot parse element 'a': elements nest deeper than ${MAX_ELEMENT_DEPTH}`,
    );
  });
});
