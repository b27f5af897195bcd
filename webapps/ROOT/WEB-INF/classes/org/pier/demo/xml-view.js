'use strict';
/**
 * Jetty XML as highlighted, escaped HTML: comments, tags, attribute names and values get their own spans, and
 * a class attribute naming a class the page found running is marked, so the reader sees which line made
 * which object. Every piece of the file's text goes through escapeHtml exactly once.
 */
const { escapeHtml } = require('./catalog');

/** Comments, processing instructions, the DOCTYPE and tags; the text between them is plain. */
const MARKUP = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/?[A-Za-z][^>]*>/g;
/** One attribute: name, the `=` with its spaces, the quoted value. */
const ATTRIBUTE = /([\w.:-]+)(\s*=\s*)("[^"]*"|'[^']*')/g;

function span(cls, text) {
  return `<span class="${cls}">${escapeHtml(text)}</span>`;
}

/** A tag's attributes; `live` is the set of class names to mark. */
function attributes(text, live) {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(ATTRIBUTE)) {
    out += escapeHtml(text.slice(last, m.index));
    const [, name, eq, quoted] = m;
    const value = quoted.slice(1, -1);
    const valueHtml = span('x-val', quoted);
    out += span('x-attr', name) + escapeHtml(eq) + (name === 'class' && live.has(value) ? `<mark title="running in this context">${valueHtml}</mark>` : valueHtml);
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

function markup(text, live) {
  if (text.startsWith('<!--')) return span('x-comment', text);
  if (text.startsWith('<?') || text.startsWith('<!')) return span('x-decl', text);
  const m = /^(<\/?)([^\s/>]+)([\s\S]*?)(\/?>)$/.exec(text);
  if (!m) return escapeHtml(text);
  return span('x-punct', m[1]) + span('x-tag', m[2]) + attributes(m[3], live) + span('x-punct', m[4]);
}

/** The XML text as HTML for a `<pre><code>`; `live` names the classes to mark (a Set of strings). */
function highlightXml(text, live = new Set()) {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MARKUP)) {
    out += escapeHtml(text.slice(last, m.index)) + markup(m[0], live);
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

module.exports = { highlightXml };
