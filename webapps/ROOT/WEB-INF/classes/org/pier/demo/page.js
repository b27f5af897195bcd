'use strict';
/** The frame of the demo's pages (head, masthead, footer) and the small formatting helpers they share. */
const { escapeHtml } = require('./catalog');

/** A time as `<time>` in UTC, with how long ago (or ahead) it is from `now`. */
function when(ms, now = Date.now()) {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0) return '<span class="muted">never</span>';
  const iso = new Date(ms).toISOString();
  const secs = Math.round((now - ms) / 1000);
  const span = Math.abs(secs) < 120 ? `${Math.abs(secs)} s` : Math.abs(secs) < 7200 ? `${Math.round(Math.abs(secs) / 60)} min` : `${Math.round(Math.abs(secs) / 3600)} h`;
  const rel = secs === 0 ? 'now' : secs > 0 ? `${span} ago` : `in ${span}`;
  return `<time datetime="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC</time> <span class="muted">(${rel})</span>`;
}

/** Seconds as the page says them: `1800 s (30 min)`, or what a negative value means. */
function seconds(s) {
  if (typeof s !== 'number') return 'unknown';
  if (s < 0) return `${s} (never expires)`;
  if (s >= 120 && s % 60 === 0) return `${s} s (${s / 60} min)`;
  return `${s} s`;
}

/** A shell command to copy, one per line. */
function command(...lines) {
  return `<pre class="cmd"><code>${lines.map(escapeHtml).join('\n')}</code></pre>`;
}

/** The whole page; `current` is the path of the navigation link to mark as this page. */
function layout({ title, current, body }) {
  const link = (href, text) => `<a href="${href}"${current === href ? ' aria-current="page"' : ''}>${text}</a>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/css/pier.css">
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header class="masthead">
  <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>Pier</a>
  <nav aria-label="Demo pages">${link('/shop', 'Shop')} ${link('/notices/', 'Notices')} ${link('/', 'About')}</nav>
</header>
<main id="main">
${body}
</main>
<footer class="footer">
  <p>Served by Pier, process <code id="pid">${process.pid}</code> on Node.js ${escapeHtml(process.version)}, working in <code>${escapeHtml(process.cwd())}</code>.</p>
</footer>
</body>
</html>
`;
}

module.exports = { layout, when, seconds, command };
