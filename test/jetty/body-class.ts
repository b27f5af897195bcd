/**
 * The class of a response body, as aspects: empty, a fixture file (or a byte range of one), a multipart
 * answer with its parts, an HTML error page with its title and table, a JSON document with its fields, a
 * short text shown as is, or a size and hash. What a body says about the server (a filesystem path) is an
 * aspect of its own.
 * @module
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles } from './differential-bases';
import type { ObservationContext } from './observation';

/** The files both servers serve, by content: a body that equals one is named by its path. */
export class FixtureFiles {
  private readonly byHash = new Map<string, string>();
  private readonly files: Array<{ rel: string; bytes: Buffer }> = [];

  constructor(root: string) {
    for (const file of listFiles(root).sort()) {
      const bytes = fs.readFileSync(file);
      const rel = path.relative(root, file).split(path.sep).join('/');
      this.files.push({ rel, bytes });
      const h = sha(bytes);
      if (!this.byHash.has(h)) this.byHash.set(h, rel);
    }
  }

  /** The fixture file these bytes are, if any. */
  whole(bytes: Buffer): string | undefined {
    return bytes.length === 0 ? undefined : this.byHash.get(sha(bytes));
  }

  /** `bytes a-b of <file>` when these bytes are that slice of a fixture file of `total` bytes. */
  slice(bytes: Buffer, start: number, total: number): string | undefined {
    const f = this.files.find((x) => x.bytes.length === total && x.bytes.subarray(start, start + bytes.length).equals(bytes));
    return f && `bytes ${start}-${start + bytes.length - 1} of ${f.rel}`;
  }
}

const SHORT_TEXT = 600;

/** A session id (`node0…` with or without `.node0`) reads `<session id>`: ids differ between the servers. Times too. */
export function maskVolatile(text: string): string {
  return (
    text
      .replace(/node0[0-9a-z]{10,}(\.node0)?/g, '<session id>')
      // the time an idle timeout took ("Idle timeout expired: 4003/4000 ms") varies from run to run
      .replace(/expired: \d+\/(\d+) ms/g, 'expired: <elapsed>/$1 ms')
  );
}

/** The aspects of a complete body. */
export function classifyBody(body: Buffer, contentType: string, contentRange: string, ctx: ObservationContext): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const text = body.toString('latin1');
  if (text.includes(ctx.baseFolder)) out.push(['body shows a filesystem path', 'yes']);
  if (body.length === 0) return [['body', 'empty'], ...out];

  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange);
  const file = ctx.fixtures.whole(body);
  if (file) return [['body', `file ${file}`], ...out];
  if (range) return [['body', ctx.fixtures.slice(body, Number(range[1]), Number(range[3])) ?? describeBytes(body)], ...out];

  const boundary = /multipart\/byteranges;.*boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (boundary) return [...multipartAspects(body, boundary, ctx), ...out];

  if (/json/i.test(contentType)) return [...jsonAspects(maskVolatile(text)), ...out];
  if (/html/i.test(contentType) || /^\s*<(!DOCTYPE|html)/i.test(text)) return [...htmlAspects(text), ...out];
  return [['body', describeBytes(body)], ...out];
}

function describeBytes(body: Buffer): string {
  const text = body.toString('utf8');
  if (body.length <= SHORT_TEXT && !/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return `text ${JSON.stringify(maskVolatile(text))}`;
  return `${body.length} bytes, sha256 ${sha(body).slice(0, 16)}`;
}

function multipartAspects(body: Buffer, boundary: string, ctx: ObservationContext): Array<[string, string]> {
  const text = body.toString('latin1');
  const pieces = text.split(`--${boundary}`);
  const parts = pieces.slice(1).filter((p) => !p.startsWith('--'));
  const out: Array<[string, string]> = [['body', `multipart/byteranges with ${parts.length} parts`]];
  parts.forEach((part, i) => {
    const sep = part.indexOf('\r\n\r\n');
    const head = part.slice(0, sep).trim().split('\r\n');
    const data = Buffer.from(part.slice(sep + 4).replace(/\r\n$/, ''), 'latin1');
    const header = (name: string): string =>
      head
        .find((l) => l.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim() ?? ABSENT_HEADER;
    const r = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header('content-range'));
    const bytes = r ? (ctx.fixtures.slice(data, Number(r[1]), Number(r[3])) ?? describeBytes(data)) : describeBytes(data);
    out.push([
      `part ${i + 1}`,
      `Content-Type ${header('content-type')
        .toLowerCase()
        .replace(/\s*;\s*/g, ';')}, Content-Range ${header('content-range')}, ${bytes}`,
    ]);
  });
  return out;
}

const ABSENT_HEADER = '(no header)';

function jsonAspects(text: string): Array<[string, string]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [['body', `invalid JSON ${JSON.stringify(text.slice(0, 200))}`]];
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [['body', `JSON ${JSON.stringify(doc)}`]];
  return [['body', 'JSON object'], ...Object.entries(doc).map(([k, v]): [string, string] => [`json ${k}`, JSON.stringify(v)])];
}

function htmlAspects(html: string): Array<[string, string]> {
  const text = (s: string): string =>
    decodeEntities(s.replace(/<[^>]*>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
  const title = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const heading = /<h2>([\s\S]*?)<\/h2>/i.exec(html)?.[1];
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/gi)].map((m) => m[1]);
  // Jetty's answer to a request its parser refused
  const bad = /<h1>Bad Message (\d+)<\/h1><pre>reason: ([\s\S]*?)<\/pre>/.exec(html);
  if (bad)
    return [
      ['body', 'HTML bad-message page'],
      ['bad message reason', maskVolatile(decodeEntities(bad[2]))],
    ];
  // Jetty's ErrorHandler page: a table of "<th>NAME:</th><td>value</td>" rows
  const errorRows = rows.map((r) => /^\s*<th>([^<]+):<\/th>\s*<td>([\s\S]*?)<\/td>\s*$/i.exec(r)).filter((m): m is RegExpExecArray => m !== null);
  if (errorRows.length > 0) {
    const out: Array<[string, string]> = [['body', 'HTML error page']];
    const row = (name: string): string | undefined => errorRows.find((m) => m[1].trim().toUpperCase() === name)?.[2];
    const message = row('MESSAGE');
    const status = row('STATUS');
    // the title and heading repeat the status and message; shown only when they say something else
    if (title !== undefined && message !== undefined && text(title) !== `Error ${status} ${text(message)}`)
      out.push(['error title', maskVolatile(text(title))]);
    for (const m of errorRows) {
      const name = m[1].trim().toUpperCase();
      if (name === 'STATUS') continue;
      out.push([`error ${name.toLowerCase()}`, maskVolatile(text(m[2]))]);
      if (/<(?!\/?pre>)[a-z/!]/i.test(m[2])) out.push([`error ${name.toLowerCase()} markup`, 'unescaped']);
    }
    return out;
  }
  const out: Array<[string, string]> = [['body', 'HTML page']];
  if (title !== undefined) out.push(['html title', text(title)]);
  if (heading !== undefined) out.push(['html heading', text(heading)]);
  const links = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)]
    .map((m) => decodeEntities(m[1]))
    .filter((h) => !/^https?:/.test(h))
    .sort();
  if (links.length > 0) out.push(['html links', links.join(' ')]);
  const cells = rows
    .map((r) => [...r.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/gi)].map((c) => text(c[1])).join(' / '))
    .filter(Boolean)
    .sort();
  if (cells.length > 0) out.push(['html table rows', cells.join(' ; ')]);
  return out;
}

function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
