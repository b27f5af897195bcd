/**
 * What a client sent in an `Authorization: Digest` header (RFC 2617, as Jetty's DigestAuthenticator.Digest):
 * the fields, and the check of its `response` against a password or against HA1, the MD5 of
 * `user:realm:password` that a realm may store as `MD5:` for DIGEST. A stored credential that is given one
 * of these instead of a password string checks it this way.
 * @module
 */
import { createHash } from 'node:crypto';
import { constantTimeEquals } from './password';

function md5Hex(text: string): string {
  return createHash('md5').update(Buffer.from(text, 'latin1')).digest('hex');
}

export class DigestResponse {
  username = '';
  realm = '';
  nonce = '';
  nc = '';
  cnonce = '';
  qop = '';
  uri = '';
  response = '';
  algorithm = '';

  constructor(readonly method: string) {}

  /** True when `response` is right for the clear `password`. */
  checkPassword(password: string): boolean {
    return this.checkHA1(md5Hex(`${this.username}:${this.realm}:${password}`));
  }

  /** True when `response` is right for HA1 = MD5(user:realm:password), in hex. */
  checkHA1(ha1: string): boolean {
    const ha2 = md5Hex(`${this.method}:${this.uri}`);
    const expected =
      this.qop === ''
        ? md5Hex(`${ha1.toLowerCase()}:${this.nonce}:${ha2}`)
        : md5Hex(`${ha1.toLowerCase()}:${this.nonce}:${this.nc}:${this.cnonce}:${this.qop}:${ha2}`);
    return constantTimeEquals(expected, this.response.toLowerCase());
  }

  toString(): string {
    return `${this.username},${this.response}`;
  }
}
