/**
 * java.lang.String's methods, for the JS strings that stand for Java strings in XML. They follow Java's
 * contracts: `substring(begin, end)` throws on a bad range instead of swapping it, `trim` removes the
 * characters up to U+0020, `split` drops trailing empty strings, `replace` replaces every occurrence
 * literally. Regular expressions (`split`, `replaceAll`, `matches`) are read as JavaScript ones, which
 * agree with Java's on the common syntax.
 * @module
 */
import { makeJavaArray, toJavaString } from '../java-value';
import { JdkMethod, jdk } from './jdk-method';
import { javaEquals, stringHashCode } from './java-object';

function checkRange(s: string, begin: number, end: number): void {
  if (begin < 0 || end > s.length || begin > end) {
    throw new RangeError(`Cannot take the substring: begin ${begin}, end ${end}, length ${s.length} (StringIndexOutOfBoundsException)`);
  }
}

/** Java's `String.trim`: strips every leading and trailing character up to U+0020. */
function javaTrim(s: string): string {
  let b = 0;
  let e = s.length;
  while (b < e && s.charCodeAt(b) <= 0x20) b++;
  while (e > b && s.charCodeAt(e - 1) <= 0x20) e--;
  return s.slice(b, e);
}

function regex(pattern: string, flags = ''): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    throw new SyntaxError(`Cannot compile the regular expression '${pattern}': ${(e as Error).message} (PatternSyntaxException)`, { cause: e });
  }
}

/**
 * Java's `String.split(regex, limit)`: a positive limit caps the number of parts, zero drops trailing
 * empty strings, a negative limit keeps them; a zero-width match at the start never yields a leading "".
 */
export function javaSplit(s: string, pattern: string, limit = 0): string[] {
  if (s.length === 0) return [''];
  const re = regex(pattern, 'g');
  const parts: string[] = [];
  let from = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    if (m[0].length === 0) {
      if (m.index >= s.length) break;
      re.lastIndex = m.index + 1;
      if (m.index === 0) continue;
    }
    if (limit > 0 && parts.length === limit - 1) break;
    parts.push(s.slice(from, m.index));
    from = m.index + m[0].length;
  }
  parts.push(s.slice(from));
  if (limit === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (limit === 0 && parts.length === 1 && parts[0] === '' && s.length > 0) return [];
  return parts;
}

const strings = (list: string[]): unknown[] => makeJavaArray('String', list);

export const STRING_METHODS: readonly JdkMethod[] = [
  jdk('length', [], (s: string) => s.length, 'Integer'),
  jdk('isEmpty', [], (s: string) => s.length === 0, 'Boolean'),
  jdk('isBlank', [], (s: string) => s.trim().length === 0, 'Boolean'),
  jdk(
    'charAt',
    ['int'],
    (s: string, [i]: [number]) => {
      if (i < 0 || i >= s.length)
        throw new RangeError(`Cannot read the character at index ${i}: the length is ${s.length} (StringIndexOutOfBoundsException)`);
      return s.charAt(i);
    },
    'Character',
  ),
  jdk('substring', ['int'], (s: string, [b]: [number]) => (checkRange(s, b, s.length), s.slice(b))),
  jdk('substring', ['int', 'int'], (s: string, [b, e]: [number, number]) => (checkRange(s, b, e), s.slice(b, e))),
  jdk('indexOf', ['String'], (s: string, [x]: [string]) => s.indexOf(x), 'Integer'),
  jdk('indexOf', ['String', 'int'], (s: string, [x, from]: [string, number]) => s.indexOf(x, Math.max(0, from)), 'Integer'),
  jdk('lastIndexOf', ['String'], (s: string, [x]: [string]) => s.lastIndexOf(x), 'Integer'),
  jdk('lastIndexOf', ['String', 'int'], (s: string, [x, from]: [string, number]) => (from < 0 ? -1 : s.lastIndexOf(x, from)), 'Integer'),
  jdk('startsWith', ['String'], (s: string, [x]: [string]) => s.startsWith(x), 'Boolean'),
  jdk('startsWith', ['String', 'int'], (s: string, [x, at]: [string, number]) => at >= 0 && at <= s.length && s.startsWith(x, at), 'Boolean'),
  jdk('endsWith', ['String'], (s: string, [x]: [string]) => s.endsWith(x), 'Boolean'),
  jdk('contains', ['CharSequence'], (s: string, [x]: [unknown]) => s.includes(toJavaString(x)), 'Boolean'),
  jdk('equals', ['Object'], (s: string, [o]: [unknown]) => javaEquals(s, o), 'Boolean'),
  jdk('equalsIgnoreCase', ['String'], (s: string, [o]: [string | null]) => o !== null && s.toUpperCase() === o.toUpperCase(), 'Boolean'),
  jdk('compareTo', ['String'], (s: string, [o]: [string]) => stringDifference(s, o), 'Integer'),
  jdk(
    'compareToIgnoreCase',
    ['String'],
    (s: string, [o]: [string]) => stringDifference(s.toUpperCase().toLowerCase(), o.toUpperCase().toLowerCase()),
    'Integer',
  ),
  jdk('hashCode', [], (s: string) => stringHashCode(s), 'Integer'),
  jdk('toString', [], (s: string) => s),
  jdk('intern', [], (s: string) => s),
  jdk('trim', [], (s: string) => javaTrim(s)),
  jdk('strip', [], (s: string) => s.trim()),
  jdk('toUpperCase', [], (s: string) => s.toUpperCase()),
  jdk('toLowerCase', [], (s: string) => s.toLowerCase()),
  jdk('concat', ['String'], (s: string, [x]: [string]) => s + x),
  jdk('repeat', ['int'], (s: string, [n]: [number]) => {
    if (n < 0) throw new RangeError(`Cannot repeat a string ${n} times: the count is negative (IllegalArgumentException)`);
    return s.repeat(n);
  }),
  jdk('replace', ['char', 'char'], (s: string, [a, b]: [string, string]) => s.split(a).join(b)),
  jdk('replace', ['CharSequence', 'CharSequence'], (s: string, [a, b]: [unknown, unknown]) => s.split(toJavaString(a)).join(toJavaString(b))),
  jdk('replaceAll', ['String', 'String'], (s: string, [re, by]: [string, string]) => s.replace(regex(re, 'g'), by)),
  jdk('replaceFirst', ['String', 'String'], (s: string, [re, by]: [string, string]) => s.replace(regex(re), by)),
  jdk('matches', ['String'], (s: string, [re]: [string]) => regex(`^(?:${re})$`).test(s), 'Boolean'),
  jdk('split', ['String'], (s: string, [re]: [string]) => strings(javaSplit(s, re))),
  jdk('split', ['String', 'int'], (s: string, [re, limit]: [string, number]) => strings(javaSplit(s, re, limit))),
  jdk('toCharArray', [], (s: string) => makeJavaArray('char', s.split(''))),
];

/** `String.compareTo`: the difference of the first differing UTF-16 code units, else of the lengths. */
function stringDifference(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.charCodeAt(i) - b.charCodeAt(i);
  }
  return a.length - b.length;
}
