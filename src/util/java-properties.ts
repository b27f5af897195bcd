/**
 * Reading Java `.properties` files: the launcher's `*.properties` arguments and the deployer's PropertiesConfigurationManager.
 * @module
 */

/** One `key=value` of a properties file and the line it starts on (1-based). */
export interface JavaPropertyEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
}

/**
 * Parses the text of a Java properties file: `key=value`, `key: value` or `key value`; `#` and `!`
 * comment lines; a trailing backslash continues the line; `\t \n \r \f \uXXXX` and escaped separators
 * are decoded. Later keys replace earlier ones.
 */
export function parseJavaProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of parseJavaPropertyEntries(text)) out.set(e.key, e.value);
  return out;
}

/** The entries of a properties file in file order, each with its line (for messages that point at it). */
export function parseJavaPropertyEntries(text: string): JavaPropertyEntry[] {
  const out: JavaPropertyEntry[] = [];
  const raw = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < raw.length; i++) {
    const start = i + 1;
    let line = raw[i].replace(/^[ \t\f]+/, '');
    if (line.length === 0 || line.startsWith('#') || line.startsWith('!')) continue;
    // Join continuation lines (an odd number of trailing backslashes).
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < raw.length) {
      line = line.slice(0, -1) + raw[++i].replace(/^[ \t\f]+/, '');
    }
    let k = 0;
    while (k < line.length && !/[=: \t\f]/.test(line[k])) k += line[k] === '\\' ? 2 : 1;
    const key = line.substring(0, k);
    let rest = line.substring(k).replace(/^[ \t\f]*/, '');
    if (rest.startsWith('=') || rest.startsWith(':')) rest = rest.substring(1).replace(/^[ \t\f]*/, '');
    out.push({ key: unescape(key), value: unescape(rest), line: start });
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.substring(1), 16));
    switch (c) {
      case 't':
        return '\t';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      default:
        return c;
    }
  });
}
