/**
 * A password in clear or obfuscated (`OBF:`) form (org.eclipse.jetty.util.security.Password), and the
 * obfuscation itself.
 * Obfuscation only keeps a casual reader from reading a password over a shoulder; it is not
 * encryption: anyone can reverse it, as Jetty's documentation says.
 * @module
 */
/** `OBF:` + Jetty's reversible encoding of the UTF-8 bytes. */
export function obfuscate(s: string): string {
  const b = Buffer.from(s, 'utf8');
  let out = 'OBF:';
  for (let i = 0; i < b.length; i++) {
    const b1 = b[i] > 127 ? b[i] - 256 : b[i];
    const b2r = b[b.length - (i + 1)];
    const b2 = b2r > 127 ? b2r - 256 : b2r;
    if (b1 < 0 || b2 < 0) {
      const x = ((0xff & b1) * 256 + (0xff & b2)).toString(36);
      out += 'U0000'.slice(0, 5 - x.length) + x;
    } else {
      const x = ((127 + b1 + b2) * 256 + (127 + b1 - b2)).toString(36);
      out += '000'.slice(0, 4 - x.length) + x;
    }
  }
  return out;
}

/** Reverses obfuscate (with or without the `OBF:` prefix); throws on text that is not obfuscated. */
export function deobfuscate(text: string): string {
  const s = text.startsWith('OBF:') ? text.slice(4) : text;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const unicode = s[i] === 'U';
    if (unicode) i++;
    const chunk = s.slice(i, i + 4);
    if (!/^[0-9a-z]{4}$/i.test(chunk)) throw new TypeError(`Cannot deobfuscate '${text}': '${chunk}' at ${i} is not four base-36 digits`);
    const v = parseInt(chunk, 36);
    bytes.push(unicode ? (v >> 8) & 0xff : ((Math.trunc(v / 256) + (v % 256) - 254) / 2) & 0xff);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A clear password; `new Password('OBF:...')` holds the deobfuscated one (src/security/password.ts makes it reachable from XML). */
export class Password {
  private readonly _pw: string;

  constructor(password: string) {
    this._pw = password.startsWith('OBF:') ? deobfuscate(password) : password;
  }

  /** True when `credentials` (a string or a Password) is this password. */
  check(credentials: unknown): boolean {
    const other = credentials instanceof Password ? credentials._pw : typeof credentials === 'string' ? credentials : null;
    return other !== null && constantTimeEquals(this._pw, other);
  }

  toString(): string {
    return this._pw;
  }
}

/** Compares two strings without stopping at the first difference. */
export function constantTimeEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}
