/**
 * Reading Java `.properties` files: the launcher's `*.properties` arguments and the deployer's PropertiesConfigurationManager.
 * @module
 */

/**
 * Parses the text of a Java properties file: `key=value`, `key: value` or `key value`; `#` and `!`
 * comment lines; a trailing backslash continues the line; `\t \n \r \f \uXXXX` and escaped separators
 * are decoded. Later keys replace earlier ones.
 */
export function parseJavaProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const raw = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < raw.length; i++) {
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
    out.set(unescape(key), unescape(rest));
  }
  return out;
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, c: string) => {
    if (c.length === 5) return String.fromCharCode(parseInt(c.substring(1), 16));
    switch (c) {
      case 't': return '\t';
      case 'n': return '\n';
      case 'r': return '\r';
      case 'f': return '\f';
      default: return c;
    }
  });
}
