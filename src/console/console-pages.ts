/**
 * The session console's pages: plain server-rendered HTML with one stylesheet of the app's own (no
 * script, no CDN). Every value is escaped; forms that change something carry the session's CSRF token.
 * @module
 */
import type { SessionRecord } from '../session/session-record';
import type { ConsoleContext, ConsolePage } from './session-console';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function time(ms: number): string {
  return ms <= 0
    ? 'never'
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z');
}

function q(params: Record<string, string | number>): string {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

/** The frame of every page: title, the stylesheet, the header with the way back to the contexts. */
export function layout(base: string, title: string, body: string, notice: string | null = null): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} - Pier console</title>
<link rel="stylesheet" href="${escapeHtml(base)}/console.css">
</head>
<body>
<header><a href="${escapeHtml(base)}/">Pier console</a> <span class="sep">/</span> ${escapeHtml(title)}</header>
<main>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>\n` : ''}${body}
</main>
</body>
</html>
`;
}

/** The contexts, with their cache and store as `--dump` prints them. */
export function contextsPage(base: string, contexts: readonly { context: ConsoleContext; count: number }[]): string {
  const rows = contexts
    .map(
      ({ context, count }) => `<tr>
<td><a class="context" href="${escapeHtml(base)}/sessions?${escapeHtml(q({ context: context.label }))}">${escapeHtml(context.label)}</a></td>
<td class="num">${count}</td>
<td><code>${escapeHtml(context.cache)}</code></td>
<td><code>${escapeHtml(context.store)}</code></td>
</tr>`,
    )
    .join('\n');
  return layout(
    base,
    'Contexts',
    `<table id="contexts">
<thead><tr><th>Context</th><th>Sessions</th><th>Session cache</th><th>Session store</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="4">No context has sessions.</td></tr>'}
</tbody>
</table>`,
  );
}

/** One page of a context's sessions: search, paging, and a form to invalidate the checked ones. */
export function sessionsPage(
  base: string,
  context: ConsoleContext,
  search: string,
  page: ConsolePage,
  pageSize: number,
  csrf: string,
  notice: string | null,
): string {
  const link = (offset: number): string => `${base}/sessions?${q({ context: context.label, q: search, offset })}`;
  const rows = page.rows
    .map(
      (r) => `<tr>
<td><input type="checkbox" name="id" value="${escapeHtml(r.id)}" aria-label="select ${escapeHtml(r.id)}"></td>
<td><a class="session" href="${escapeHtml(base)}/session?${escapeHtml(q({ context: context.label, id: r.id }))}">${escapeHtml(r.id)}</a>${r.resident ? ' <span class="tag">in memory</span>' : ''}</td>
<td>${escapeHtml(r.node)}</td>
<td>${time(r.created)}</td>
<td>${time(r.lastAccessed)}</td>
<td>${time(r.expiry)}</td>
<td>${r.attributes.map((a) => `${escapeHtml(a.name)} <span class="size">(${a.size < 0 ? '?' : a.size} B)</span>`).join(', ')}</td>
</tr>`,
    )
    .join('\n');
  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.rows.length;
  const prev = page.offset > 0 ? `<a rel="prev" href="${escapeHtml(link(Math.max(0, page.offset - pageSize)))}">previous</a>` : '';
  const next = last < page.total ? `<a rel="next" href="${escapeHtml(link(page.offset + pageSize))}">next</a>` : '';
  return layout(
    base,
    context.label,
    `<form class="search" method="get" action="${escapeHtml(base)}/sessions">
<input type="hidden" name="context" value="${escapeHtml(context.label)}">
<label>Session id contains <input type="search" name="q" value="${escapeHtml(search)}"></label>
<button type="submit">Search</button>
</form>
<p class="range" id="range">${first}-${last} of ${page.total}</p>
<form method="post" action="${escapeHtml(base)}/invalidate">
<input type="hidden" name="context" value="${escapeHtml(context.label)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<input type="hidden" name="back" value="${escapeHtml(link(page.offset))}">
<table id="sessions">
<thead><tr><th></th><th>Id</th><th>Node</th><th>Created</th><th>Last access</th><th>Expiry</th><th>Attributes</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">No sessions.</td></tr>'}
</tbody>
</table>
<p><button type="submit" id="invalidate">Invalidate selected</button></p>
</form>
<nav class="pages">${prev} ${next}</nav>`,
    notice,
  );
}

/** One session: its record as JSON, and a button to invalidate it. */
export function sessionPage(base: string, context: ConsoleContext, record: SessionRecord, csrf: string): string {
  return layout(
    base,
    `${context.label} ${record.id}`,
    `<pre id="record">${escapeHtml(JSON.stringify(record, null, 2))}</pre>
<form method="post" action="${escapeHtml(base)}/invalidate">
<input type="hidden" name="context" value="${escapeHtml(context.label)}">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<input type="hidden" name="id" value="${escapeHtml(record.id)}">
<input type="hidden" name="back" value="${escapeHtml(`${base}/sessions?${q({ context: context.label })}`)}">
<button type="submit" id="invalidate">Invalidate this session</button>
</form>`,
  );
}
