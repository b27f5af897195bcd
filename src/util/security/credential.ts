/**
 * A stored credential that a password is checked against (org.eclipse.jetty.util.security.Credential):
 * `CRYPT:` (Unix crypt(3)), `MD5:` (hex MD5 of the password's ISO-8859-1 bytes), `OBF:` or clear.
 * @module
 */
import { createHash } from 'node:crypto';
import { DigestResponse } from './digest-response';
import { Password, constantTimeEquals } from './password';
import { unixCrypt } from './unix-crypt';

/** Checks a presented password (string) against a stored form. */
export interface Credential {
  check(credentials: unknown): boolean;
  /** The stored form, as written in the realm file (`MD5:...`, `CRYPT:...`, or the clear password). */
  toString(): string;
}

/** `CRYPT:` + crypt(3) hash; the first two characters of the hash are the salt. A DIGEST response cannot be checked against it. */
export class CryptCredential implements Credential {
  constructor(private readonly _cooked: string) {}
  check(credentials: unknown): boolean {
    const pw = typeof credentials === 'string' ? credentials : credentials instanceof Password ? credentials.toString() : null;
    return pw !== null && constantTimeEquals(unixCrypt(pw, this._cooked.slice(0, 2)), this._cooked);
  }
  toString(): string {
    return `CRYPT:${this._cooked}`;
  }
}

/**
 * `MD5:` + 32 hex digits: the MD5 of the password, or for DIGEST (as Jetty) the MD5 of `user:realm:password`,
 * which a DIGEST response is checked against as its HA1.
 */
export class MD5Credential implements Credential {
  private readonly _digest: string;
  constructor(hex: string) {
    this._digest = hex.toLowerCase();
  }
  check(credentials: unknown): boolean {
    if (credentials instanceof DigestResponse) return credentials.checkHA1(this._digest);
    const pw = typeof credentials === 'string' ? credentials : credentials instanceof Password ? credentials.toString() : null;
    return pw !== null && constantTimeEquals(createHash('md5').update(Buffer.from(pw, 'latin1')).digest('hex'), this._digest);
  }
  toString(): string {
    return `MD5:${this._digest}`;
  }
}

/** A clear (or `OBF:`) password as a credential. */
class PasswordCredential implements Credential {
  constructor(
    private readonly _stored: string,
    private readonly _password: Password,
  ) {}
  check(credentials: unknown): boolean {
    if (credentials instanceof DigestResponse) return credentials.checkPassword(this._password.toString());
    return this._password.check(credentials);
  }
  toString(): string {
    return this._stored;
  }
}

/** The credential a realm file's password field stands for (Jetty's Credential.getCredential). */
export function getCredential(stored: string): Credential {
  if (stored.startsWith('CRYPT:')) return new CryptCredential(stored.slice(6));
  if (stored.startsWith('MD5:')) {
    const hex = stored.slice(4);
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`Cannot read credential '${stored.slice(0, 8)}...': an MD5: credential is 32 hex digits`);
    return new MD5Credential(hex);
  }
  return new PasswordCredential(stored, new Password(stored));
}
