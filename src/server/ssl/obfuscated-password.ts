/**
 * Jetty's `OBF:` password notation (org.eclipse.jetty.util.security.Password): the distribution's
 * default keystore passwords are written this way. Obfuscation is not protection; it only keeps a
 * password from being read at a glance.
 * @module
 */

/** The clear text of a password: `OBF:...` decoded as Jetty decodes it, anything else as given. */
export function clearPassword(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!value.startsWith('OBF:')) return value;
  const s = value.substring(4);
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    if (s.charAt(i) === 'U') {
      i++;
      bytes.push((parseInt(s.substring(i, i + 4), 36) >> 8) & 0xff);
    } else {
      const n = parseInt(s.substring(i, i + 4), 36);
      bytes.push(((Math.floor(n / 256) + (n % 256) - 254) / 2) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
