/**
 * Parsing of `application/x-www-form-urlencoded` text (query strings and form bodies), keeping order and
 * repeated names, as Jetty's UrlEncoded does.
 * @module
 */

/** Parses `a=1&b=2&a=3` (with `+` as space) into an ordered multi-map. */
export function parseUrlEncoded(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!text) return out;
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeFormComponent(eq >= 0 ? part.slice(0, eq) : part);
    const v = eq >= 0 ? decodeFormComponent(part.slice(eq + 1)) : '';
    const list = out.get(k);
    if (list) list.push(v);
    else out.set(k, [v]);
  }
  return out;
}

/** Decodes one name or value: `+` is a space, bad escapes are kept as they are. */
export function decodeFormComponent(s: string): string {
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}
