import { expect } from 'chai';
import * as sinon from 'sinon';
import dns = require('node:dns');
import http = require('node:http');
import https = require('node:https');
import net = require('node:net');
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseXml } from '../../src/xml';
import { XmlConfiguration } from '../../src/ioc/xml-configuration';
import { corpusRoot, requireCorpus } from '../support/corpus';
import { thrown } from '../support/xml-config';

describe('XML security: no network, no external entities', () => {
  let sandbox: sinon.SinonSandbox;
  let attempts: string[];

  beforeEach(() => {
    attempts = [];
    sandbox = sinon.createSandbox();
    const deny =
      (what: string) =>
      (...args: unknown[]): never => {
        attempts.push(`${what} ${JSON.stringify(args[0])}`);
        throw new Error(`network access attempted: ${what}`);
      };
    sandbox.stub(net, 'connect').callsFake(deny('net.connect'));
    sandbox.stub(net, 'createConnection').callsFake(deny('net.createConnection'));
    sandbox.stub(http, 'request').callsFake(deny('http.request'));
    sandbox.stub(http, 'get').callsFake(deny('http.get'));
    sandbox.stub(https, 'request').callsFake(deny('https.request'));
    sandbox.stub(https, 'get').callsFake(deny('https.get'));
    sandbox.stub(dns, 'lookup').callsFake(deny('dns.lookup'));
    sandbox.stub(dns.promises, 'lookup').callsFake(deny('dns.promises.lookup'));
    sandbox.stub(globalThis, 'fetch').callsFake(deny('fetch'));
  });
  afterEach(() => sandbox.restore());

  it('parses a file with an http:// Jetty DTD without opening any connection', function () {
    requireCorpus(this);
    const file = path.join(corpusRoot(), 'jetty-9.4.x/jetty-xml/src/test/resources/org/eclipse/jetty/xml/configureWithAttr.xml');
    const doc = parseXml(fs.readFileSync(file, 'utf8'), file);
    expect(doc.doctype?.resolved).to.equal('configure_9_3.dtd');
    expect(attempts).to.deep.equal([]);
  });

  it('neither fetches nor resolves an unknown http:// DTD, whether refused or ignored', () => {
    const text = '<!DOCTYPE Configure SYSTEM "http://example.invalid/evil.dtd">\n<Configure/>';
    thrown(() => parseXml(text, 'x.xml'));
    parseXml(text, 'x.xml', { unknownDtd: 'ignore' });
    expect(attempts).to.deep.equal([]);
  });

  it('refuses an external entity before anything could read it', () => {
    const e = thrown(() =>
      XmlConfiguration.fromString('<!DOCTYPE Configure [<!ENTITY x SYSTEM "http://example.invalid/x">]>\n<Configure>&x;</Configure>', 'x.xml'),
    );
    expect(e.message).to.contain("Cannot declare external entity 'x'");
    expect(attempts).to.deep.equal([]);
  });

  it('converts type="InetAddress" and type="URL" without DNS lookups', () => {
    XmlConfiguration.fromString(
      '<Configure><New class="java.util.HashMap"><Put name="a" type="URL">http://example.invalid/</Put>' +
        '<Put name="b" type="InetAddress">::1</Put></New></Configure>',
      'x.xml',
    ).configure();
    expect(
      thrown(() =>
        XmlConfiguration.fromString(
          '<Configure><New class="java.util.HashMap"><Put name="b" type="InetAddress">example.invalid</Put></New></Configure>',
          'x.xml',
        ).configure(),
      ).message,
    ).to.contain('no DNS lookups');
    expect(attempts).to.deep.equal([]);
  });
});
