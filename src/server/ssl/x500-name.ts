/**
 * A certificate's subject as Java prints it (`X509Certificate.getSubjectDN().getName()`, the RFC 1779
 * form of sun.security.x509.X500Name): the relative names from the most specific to the least (the
 * reverse of their order in the certificate) joined by `, `, the values of one multi-valued name joined
 * by ` + `, Java's keywords (`CN`, `OU`, `O`, `L`, `ST`, `C`, `STREET`, `DC`, `UID`, `EMAILADDRESS`,
 * `SERIALNUMBER`, ...; `OID.<dotted>` for others), and a value in double quotes when it holds one of
 * `,+=<>#;\"` or a newline, starts or ends with a space, or has two spaces in a row (`"` and `\`
 * escaped with `\` inside). CLIENT-CERT authentication uses this string as the user name, as Jetty does,
 * so it must be the same string Java makes.
 * @module
 */
import { DER_OID, DER_SEQUENCE, DER_SET, type DerElement, derChildren, derElement, derOid } from './der-reader';

/** The keyword Java's X500Name uses for each attribute type it knows. */
const KEYWORDS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.9': 'STREET',
  '2.5.4.46': 'DNQ',
  '2.5.4.4': 'SURNAME',
  '2.5.4.42': 'GIVENNAME',
  '2.5.4.43': 'INITIALS',
  '2.5.4.44': 'GENERATION',
  '2.5.4.5': 'SERIALNUMBER',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '1.2.840.113549.1.9.1': 'EMAILADDRESS',
  '1.3.6.1.4.1.42.2.11.2.1': 'IP',
};

const SPECIALS = ',+=\n<>#;\\"';

/** The string types a directory value may have, and how their bytes decode. */
function decodeString(e: DerElement): string | null {
  switch (e.tag) {
    case 0x0c: // UTF8String
      return e.value.toString('utf8');
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x14: // TeletexString, which Java reads as Latin-1
    case 0x1a: // VisibleString
      return e.value.toString('latin1');
    case 0x1e: {
      // BMPString: UTF-16 big-endian
      const swapped = Buffer.from(e.value);
      swapped.swap16();
      return swapped.toString('utf16le');
    }
    case 0x1c: // UniversalString: UTF-32 big-endian
      return String.fromCodePoint(...Array.from({ length: e.value.length / 4 }, (_, i) => e.value.readUInt32BE(i * 4)));
    default:
      return null;
  }
}

function formatValue(e: DerElement): string {
  const text = decodeString(e);
  if (text === null) {
    // a value that is not a string is written as `#` and the hex of its whole encoding, as RFC 1779 allows
    const header = Buffer.from([e.tag, e.value.length]);
    return `#${Buffer.concat([header, e.value]).toString('hex')}`;
  }
  let quote = text.length > 0 && (text[0] === ' ' || text[0] === '\n' || text.endsWith(' ') || text.endsWith('\n'));
  let out = '';
  let previousWhite = false;
  for (const c of text) {
    if (SPECIALS.includes(c)) quote = true;
    if (c === ' ' || c === '\n') {
      if (previousWhite) quote = true;
      previousWhite = true;
    } else previousWhite = false;
    out += c === '"' || c === '\\' ? `\\${c}` : c;
  }
  return quote ? `"${out}"` : out;
}

/** `CN=Alice, O=Example, C=DE` for a Name (the DER SEQUENCE of relative names) as Java prints it. */
export function javaDistinguishedName(name: DerElement): string {
  const rdns = derChildren(name.value).map((rdn) => {
    if (rdn.tag !== DER_SET) throw new RangeError('Cannot read a distinguished name: a relative name is not a SET');
    return derChildren(rdn.value)
      .map((ava) => {
        const [type, value] = derChildren(ava.value);
        if (type?.tag !== DER_OID || value === undefined) throw new RangeError('Cannot read a distinguished name: an attribute has no type or value');
        const oid = derOid(type.value);
        return `${KEYWORDS[oid] ?? `OID.${oid}`}=${formatValue(value)}`;
      })
      .join(' + ');
  });
  return rdns.reverse().join(', ');
}

/** The parts of a certificate CLIENT-CERT needs: the subject and issuer as Java prints them, and the signature bytes. */
export interface CertificateIdentity {
  readonly subject: string;
  readonly issuer: string;
  readonly signature: Buffer;
}

/**
 * Reads a DER certificate: `Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }`,
 * and in the tbsCertificate, after an optional `[0]` version, the serial number, the signature algorithm,
 * the issuer, the validity and the subject.
 */
export function certificateIdentity(der: Buffer): CertificateIdentity {
  const [tbs, , signatureValue] = derChildren(derElement(der, DER_SEQUENCE).value);
  if (tbs?.tag !== DER_SEQUENCE || signatureValue === undefined) throw new RangeError('Cannot read the certificate: it is not an X.509 certificate');
  const fields = derChildren(tbs.value);
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = fields[at + 2];
  const subject = fields[at + 4];
  if (issuer?.tag !== DER_SEQUENCE || subject?.tag !== DER_SEQUENCE) throw new RangeError('Cannot read the certificate: no issuer or subject name');
  // a BIT STRING's first byte counts the unused bits of its last byte; the signature is the bytes after it
  return { subject: javaDistinguishedName(subject), issuer: javaDistinguishedName(issuer), signature: signatureValue.value.subarray(1) };
}
