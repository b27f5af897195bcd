/**
 * A seeded mutation fuzzer for Jetty XML files: each mutation is a small, named edit of the text.
 * @module
 */

/** One mutated document and how it was made. */
export interface Mutant {
  readonly text: string;
  readonly how: string;
}

const NASTY = [
  '<',
  '>',
  '&',
  '"',
  "'",
  ']]>',
  '<!--',
  '-->',
  '<?',
  '?>',
  '&amp',
  '&#0;',
  '&#xFFFFFFFF;',
  '&undefined;',
  '\u0000',
  '\uFFFE',
  '\uD800',
  '<![CDATA[',
  '<!DOCTYPE x>',
  '</Configure>',
  '<Configure>',
  '=',
  '\r',
  '\t',
  'ä€𝄞',
];
const NAMES = [
  'Set',
  'Get',
  'Call',
  'New',
  'Arg',
  'Ref',
  'Array',
  'Item',
  'Map',
  'Entry',
  'Put',
  'Property',
  'SystemProperty',
  'Env',
  'Configure',
  'Id',
  'Class',
  'Nope',
  '',
];

/** Returns `count` mutants of `text`, reproducible for a given `random`. */
export function mutate(text: string, random: () => number): Mutant {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const at = (): number => Math.floor(random() * (text.length + 1));
  const kind = Math.floor(random() * 10);
  switch (kind) {
    case 0: {
      const a = at();
      const b = Math.min(text.length, a + 1 + Math.floor(random() * 40));
      return { text: text.slice(0, a) + text.slice(b), how: `delete ${a}..${b}` };
    }
    case 1: {
      const a = at();
      const s = pick(NASTY);
      return { text: text.slice(0, a) + s + text.slice(a), how: `insert ${JSON.stringify(s)} at ${a}` };
    }
    case 2: {
      const a = at();
      return { text: text.slice(0, a), how: `truncate at ${a}` };
    }
    case 3: {
      const tags = [...text.matchAll(/<\/?([A-Za-z]+)/g)];
      if (tags.length === 0) return { text: text + '<', how: 'append <' };
      const m = pick(tags);
      const n = pick(NAMES);
      const start = (m.index ?? 0) + m[0].indexOf(m[1]);
      return { text: text.slice(0, start) + n + text.slice(start + m[1].length), how: `rename <${m[1]}> at ${start} to <${n}>` };
    }
    case 4: {
      const attrs = [...text.matchAll(/(name|class|id|refid|type|arg)="([^"]*)"/g)];
      if (attrs.length === 0) return { text: text + '&', how: 'append &' };
      const m = pick(attrs);
      const v = pick(['', 'x', 'java.lang.Runtime', 'org.eclipse.jetty.server.Nope', '${nope}', 'a'.repeat(5000), '<', '&lt;']);
      const start = m.index ?? 0;
      return {
        text: text.slice(0, start) + `${m[1]}="${v}"` + text.slice(start + m[0].length),
        how: `set ${m[1]} at ${start} to ${JSON.stringify(v.slice(0, 40))}`,
      };
    }
    case 5: {
      const a = at();
      const b = Math.min(text.length, a + Math.floor(random() * 200));
      const seg = text.slice(a, b);
      return { text: text.slice(0, b) + seg + text.slice(b), how: `duplicate ${a}..${b}` };
    }
    case 6: {
      const a = at();
      const depth = 1 + Math.floor(random() * 2000);
      return { text: text.slice(0, a) + '<New class="java.lang.Object">'.repeat(depth) + text.slice(a), how: `open ${depth} nested <New> at ${a}` };
    }
    case 7: {
      const a = at();
      const n = 1 + Math.floor(random() * 20);
      return {
        text: text.slice(0, a) + Array.from({ length: n }, () => String.fromCharCode(Math.floor(random() * 0x3000))).join('') + text.slice(a),
        how: `insert ${n} random chars at ${a}`,
      };
    }
    case 8: {
      const doctypes = [
        '<!DOCTYPE Configure SYSTEM "http://127.0.0.1:9/evil.dtd">',
        '<!DOCTYPE Configure [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE Configure [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY f "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>',
        '<!DOCTYPE Configure [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>',
        '<!DOCTYPE Configure PUBLIC "-//Nope//EN" "http://127.0.0.1:9/nope.dtd">',
      ];
      const d = pick(doctypes);
      const body = text.replace(/<!DOCTYPE[^>]*>/, '');
      const i = body.indexOf('<Configure');
      const ref = d.includes('ENTITY e') ? '&e;' : d.includes('ENTITY h') ? '&h;' : '';
      const withRef = ref && i >= 0 ? body.replace(/(<Configure[^>]*>)/, `$1${ref}`) : body;
      return {
        text: i >= 0 ? withRef.slice(0, withRef.indexOf('<Configure')) + d + withRef.slice(withRef.indexOf('<Configure')) : d + withRef,
        how: `doctype ${d.slice(0, 60)}`,
      };
    }
    default: {
      const a = at();
      const b = at();
      const [x, y] = a < b ? [a, b] : [b, a];
      return { text: text.slice(0, x) + text.slice(y) + text.slice(x, y), how: `move ${x}..${y} to the end` };
    }
  }
}
