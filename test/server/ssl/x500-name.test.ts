/**
 * A certificate's subject as Java prints it (X509Certificate.getSubjectDN().getName()): certificates made
 * by openssl for each run, compared with the strings Java 17 printed for the same subjects.
 * @module
 */
import { expect } from 'chai';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { certificateIdentity } from '../../../src/server/ssl/x500-name';
import { makeSelfSignedEcCertificate } from '../../support/test-keystores';

describe('certificateIdentity', function () {
  this.timeout(20_000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pier-x500-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function certificate(subject: string, extra: string[] = []): X509Certificate {
    return new X509Certificate(fs.readFileSync(makeSelfSignedEcCertificate(dir, 'c', subject, { extra }).cert));
  }

  const cases: [string, string, string[]?][] = [
    ['/CN=client', 'CN=client'],
    [
      '/C=DE/ST=Berlin/L=Berlin/O=Pier Test/OU=Eng/CN=Alice Example/emailAddress=alice@example.org',
      'EMAILADDRESS=alice@example.org, CN=Alice Example, OU=Eng, O=Pier Test, L=Berlin, ST=Berlin, C=DE',
    ],
    ['/O=Acme, Inc/CN=a/DC=example/UID=u1/serialNumber=42', 'SERIALNUMBER=42, UID=u1, DC=example, CN=a, O="Acme, Inc"'],
    ['/CN=x+OU=y/O=z', 'O=z, CN=x + OU=y', ['-multivalue-rdn']],
    ['/O=Acme, Inc/CN=a/OU= lead\\\\back', 'OU=" lead\\\\back", CN=a, O="Acme, Inc"'],
  ];
  for (const [subject, java, extra] of cases) {
    it(`prints ${subject} as Java does: ${java}`, () => {
      expect(certificateIdentity(certificate(subject, extra).raw).subject).to.equal(java);
    });
  }

  it("reads the signature bytes (the certificate's last field) and the issuer", () => {
    const cert = certificate('/CN=self');
    const id = certificateIdentity(cert.raw);
    expect(id.issuer).to.equal('CN=self');
    // an ECDSA signature is a DER SEQUENCE of two integers
    expect(id.signature[0]).to.equal(0x30);
    expect(id.signature.length).to.equal(id.signature[1] + 2);
  });
});
