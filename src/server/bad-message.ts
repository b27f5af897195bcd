/**
 * Answers to requests that cannot be handled (org.eclipse.jetty.http.BadMessageException): one format
 * for what Node's parser refuses and what the connector refuses after parsing (the request line's
 * version, the Host header, Expect): `HTTP/1.1 <status> <reason>`, `Content-Type: text/html;charset=iso-8859-1`,
 * `Content-Length`, `Connection: close`, `Server`, and `<h1>Bad Message <status></h1><pre>reason: <reason></pre>`,
 * as Jetty 9.4 writes them. The connection closes afterwards.
 * @module
 */
import type { IncomingMessage } from 'node:http';

/** A request refused before it reached a handler, with Jetty's status and reason. */
export interface BadMessage {
  readonly status: number;
  readonly reason: string;
  /** Answered without a page (a method Node's parser does not know: Jetty's servlets answer it with an empty 501). */
  readonly empty?: boolean;
}

/** What the answer's headers carry besides the message (from HttpConfiguration). */
export interface BadMessageSettings {
  /** The `Server` header value, or null when sendServerVersion is off. */
  readonly server: string | null;
  readonly sendDateHeader: boolean;
}

/** The type of a bad-message answer's body (Jetty's HTML page, in Latin-1). */
export const BAD_MESSAGE_CONTENT_TYPE = 'text/html;charset=iso-8859-1';

/** The status line's reason, the headers (in Jetty's order) and the body of a bad-message answer. */
export function badMessageAnswer(message: BadMessage, settings: BadMessageSettings): { headers: string[]; body: string } {
  // Jetty escapes only the markup characters of the reason (quotes stay, as in VCHAR='(')
  const reason = message.reason.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = message.empty === true ? '' : `<h1>Bad Message ${message.status}</h1><pre>reason: ${reason}</pre>`;
  const headers =
    message.empty === true
      ? ['Content-Length', '0', 'Connection', 'close']
      : ['Content-Type', BAD_MESSAGE_CONTENT_TYPE, 'Content-Length', String(Buffer.byteLength(body, 'latin1')), 'Connection', 'close'];
  if (settings.server !== null) headers.push('Server', settings.server);
  if (settings.sendDateHeader) headers.push('Date', new Date().toUTCString());
  return { headers, body };
}

/** The whole answer as the bytes to write on a socket that has no response object (a request Node's parser refused). */
export function badMessageBytes(message: BadMessage, settings: BadMessageSettings): Buffer {
  const { headers, body } = badMessageAnswer(message, settings);
  let head = `HTTP/1.1 ${message.status} ${message.reason}\r\n`;
  for (let i = 0; i < headers.length; i += 2) head += `${headers[i]}: ${headers[i + 1]}\r\n`;
  return Buffer.from(`${head}\r\n${body}`, 'latin1');
}

/**
 * What Jetty answers to a request Node's parser refused (the error of the `clientError` event, with
 * its `code`, `bytesParsed` and `rawPacket`), or null for an error that is not the client's request
 * (a reset connection): that connection is closed without an answer.
 */
export function badMessageOfParserError(
  err: Error & { code?: string; reason?: string; bytesParsed?: number; rawPacket?: Buffer },
): BadMessage | null {
  const packet = Buffer.isBuffer(err.rawPacket) ? err.rawPacket : null;
  const at = typeof err.bytesParsed === 'number' ? err.bytesParsed : -1;
  const why = typeof err.reason === 'string' ? err.reason : err.message;
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return inRequestTarget(packet, at) ? { status: 414, reason: 'URI Too Long' } : { status: 431, reason: 'Request Header Fields Too Large' };
    case 'HPE_INVALID_VERSION':
      // a line ended by LF alone (Jetty accepts it; Node's parser does not)
      return /CRLF/.test(why) ? { status: 400, reason: 'Bad EOL' } : { status: 505, reason: 'Unknown Version' };
    case 'HPE_INVALID_METHOD': {
      // a well-formed method Node does not know reaches Jetty's servlets, which answer 501 without a page
      const bad = packet === null ? -1 : firstNonTokenByte(packet);
      return bad < 0 || packet === null ? { status: 501, reason: 'Not Implemented', empty: true } : illegalCharacter(packet[bad]);
    }
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return /content-length/i.test(why) && /transfer-encoding/i.test(why)
        ? { status: 400, reason: 'Transfer-Encoding and Content-Length' }
        : err.code === 'HPE_UNEXPECTED_CONTENT_LENGTH'
          ? { status: 400, reason: 'Multiple Content-Lengths' }
          : { status: 400, reason: 'Bad Transfer-Encoding, chunked not last' };
    case 'HPE_INVALID_CONTENT_LENGTH':
      return { status: 400, reason: 'Invalid Content-Length Value' };
    case 'HPE_INVALID_HEADER_TOKEN':
      // a header line that starts with a space or a tab continues the previous one (obsolete folding)
      if (packet !== null && at > 0 && at < packet.length && (packet[at] === 0x20 || packet[at] === 0x09) && packet[at - 1] === 0x0a) {
        return { status: 400, reason: 'Header Folding' };
      }
      return packet !== null && at >= 0 && at < packet.length ? illegalCharacter(packet[at]) : { status: 400, reason: 'Bad Request' };
    case 'HPE_INVALID_URL':
      // a visible character passes Jetty's parser: the target itself is refused (`app/x` without its slash)
      if (packet !== null && at >= 0 && at < packet.length && packet[at] > 0x20 && packet[at] < 0x7f) return { status: 400, reason: 'Bad Request' };
      return packet !== null && at >= 0 && at < packet.length ? illegalCharacter(packet[at]) : { status: 400, reason: 'Bad Request' };
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_LF_EXPECTED':
    case 'HPE_CR_EXPECTED':
    case 'HPE_STRICT':
      return packet !== null && at >= 0 && at < packet.length ? illegalCharacter(packet[at]) : { status: 400, reason: 'Bad Request' };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return null;
    default:
      return err.code?.startsWith('HPE_') ? { status: 400, reason: 'Bad Request' } : null;
  }
}

/**
 * Jetty's checks of a request Node parsed but Jetty's parser refuses: HTTP/0.9 (505), HTTP/2.0 over
 * HTTP/1 (426), a missing Host in HTTP/1.1 (400 No Host), a Host whose port is not a port (400 Bad
 * HostPort), a Transfer-Encoding that does not end with chunked (400), an expectation other than
 * 100-continue (417). Null for a good request.
 */
export function badMessageOfRequest(req: IncomingMessage): BadMessage | null {
  const major = req.httpVersionMajor;
  if (major !== 1) {
    return major === 0
      ? { status: 505, reason: 'HTTP/0.9 not supported' }
      : major === 2
        ? { status: 426, reason: 'Upgrade Required' }
        : { status: 505, reason: 'Unknown Version' };
  }
  const host = req.headers.host;
  if (host === undefined) {
    if (req.httpVersionMinor === 1) return { status: 400, reason: 'No Host' };
  } else if (!isHostPort(host)) {
    return { status: 400, reason: 'Bad HostPort' };
  }
  const te = req.headers['transfer-encoding'];
  if (te !== undefined && !/(?:^|,)[ \t]*chunked[ \t]*$/i.test(te)) return { status: 400, reason: 'Bad Transfer-Encoding, chunked not last' };
  const expect = req.headers.expect;
  if (expect !== undefined && req.httpVersionMinor === 1 && expect.trim().toLowerCase() !== '100-continue') {
    return { status: 417, reason: 'Expectation Failed' };
  }
  return null;
}

/**
 * Jetty's HostPort rules: empty is allowed; `[v6]` may be followed by `:port`; a single colon splits a
 * host (even an empty one) from a port; several colons are an IPv6 address without a port. A port is an integer
 * (Java's parseInt: an optional sign, digits) from 1 to 65535.
 */
export function isHostPort(authority: string): boolean {
  if (authority.length === 0) return true;
  if (authority.charCodeAt(0) === 0x5b /* [ */) {
    const close = authority.lastIndexOf(']');
    if (close < 0) return false;
    if (close + 1 === authority.length) return true;
    return authority.charCodeAt(close + 1) === 0x3a /* : */ && isPort(authority.slice(close + 2));
  }
  const colon = authority.lastIndexOf(':');
  if (colon < 0) return true;
  if (colon !== authority.indexOf(':')) return true;
  return isPort(authority.slice(colon + 1));
}

function isPort(text: string): boolean {
  if (!/^[+-]?\d{1,10}$/.test(text)) return false;
  const port = Number(text);
  return port >= 1 && port <= 65535;
}

/** Jetty's reason for a byte its parser does not allow where it is: `Illegal character CNTL=0x16`, `VCHAR='('`. */
function illegalCharacter(byte: number): BadMessage {
  return { status: 400, reason: `Illegal character ${describeByte(byte)}` };
}

function describeByte(b: number): string {
  const c = String.fromCharCode(b);
  if (b === 0x20) return "SPACE=' '";
  if (b === 0x09) return 'HTAB=0x9';
  if (b === 0x0d) return 'CR=\\r';
  if (b === 0x0a) return 'LF=\\n';
  if (b < 0x20 || b === 0x7f) return `CNTL=0x${b.toString(16)}`;
  if (b >= 0x80) return `OTEXT=0x${b.toString(16)}`;
  if (b >= 0x30 && b <= 0x39) return `DIGIT='${c}'`;
  if (/[A-Za-z]/.test(c)) return `ALPHA='${c}'`;
  if (c === ':') return "COLON=':'";
  return TCHARS.includes(c) ? `TCHAR='${c}'` : `VCHAR='${c}'`;
}

const TCHARS = "!#$%&'*+-.^_`|~";

/** The index of the first byte of the request's method that is not an RFC 7230 token character, -1 when it is all token. */
function firstNonTokenByte(packet: Buffer): number {
  for (let i = 0; i < packet.length; i++) {
    const b = packet[i];
    if (b === 0x20) return i === 0 ? 0 : -1;
    const c = String.fromCharCode(b);
    if (!(b > 0x20 && b < 0x7f && (/[A-Za-z0-9]/.test(c) || TCHARS.includes(c)))) return i;
  }
  return -1;
}

/**
 * True when a header overflow happened in the request target (Jetty's 414) rather than the headers
 * (431): nothing before the point of failure in the packet ends a line, and the packet is either the
 * start of the request line with no second space yet, or the continuation of one long target.
 */
function inRequestTarget(packet: Buffer | null, at: number): boolean {
  if (packet === null) return false;
  const seen = packet.subarray(0, at >= 0 && at <= packet.length ? at : packet.length).toString('latin1');
  if (seen.includes('\n')) return false;
  const firstSpace = seen.indexOf(' ');
  if (firstSpace > 0 && /^[A-Z-]+$/.test(seen.slice(0, firstSpace))) return seen.indexOf(' ', firstSpace + 1) < 0;
  return !seen.includes(' ') && !seen.includes(':');
}
