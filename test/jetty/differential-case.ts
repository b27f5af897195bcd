/**
 * What a case of the differential suite is: an id (the first column of the differences table), a sentence
 * saying what it sends, the issue 11 item it guards (if any), and a run that talks to one server and
 * returns an Observation. The same run goes to Jetty and to Pier.
 * @module
 */
import { FixtureFiles } from './body-class';
import { Observation, observeResponse } from './observation';
import { ExchangeOptions, RawResponse, Send, httpRequest, rawExchange } from './raw-exchange';
import { ServerUnderTest } from './servers-under-test';

export interface CaseContext {
  readonly server: ServerUnderTest;
  /** The server's jetty.base (its `etc/` holds the suite's client certificates). */
  readonly baseFolder: string;
  /** One exchange with this server (with `tls`, on its `jetty.ssl.port`). */
  exchange(options: ExchangeOptions): Promise<RawResponse>;
  /** One exchange with this server's `jetty.ssl.port`, without TLS unless the options say so. */
  exchangeOnSslPort(options: ExchangeOptions): Promise<RawResponse>;
  /** The aspects of a response (`prefix` names a step: "2: "). */
  observe(r: RawResponse, prefix?: string): Observation;
}

export interface DifferentialCase {
  /** `group.name`: what the differences table and the report call it. */
  id: string;
  /** What is sent, as a sentence ("GET //WEB-INF/web.xml in the root context"). */
  title: string;
  /** The item of issue 11 this case guards. */
  item?: number;
  /** `last`: runs after every other case (it stops the server). */
  phase?: 'last';
  run(ctx: CaseContext): Promise<Observation>;
}

export function caseContext(server: ServerUnderTest, fixtures: FixtureFiles, baseFolder: string): CaseContext {
  const ctx = { port: server.port, baseFolder, fixtures };
  return {
    server,
    baseFolder,
    exchange: (options) => rawExchange(options.tls ? server.sslPort : server.port, options),
    exchangeOnSslPort: (options) => rawExchange(server.sslPort, options),
    observe: (r, prefix) => observeResponse(r, ctx, prefix),
  };
}

/** A case of one exchange whose response is the observation. */
export function single(
  id: string,
  title: string,
  request: Send | Send[],
  options: Omit<ExchangeOptions, 'send'> & { item?: number } = {},
): DifferentialCase {
  const { item, ...exchange } = options;
  const send = Array.isArray(request) ? request : [request];
  return { id, title, item, run: async (ctx) => ctx.observe(await ctx.exchange({ ...exchange, send })) };
}

/** `GET target` with Host: localhost (the root context's virtual host) and extra headers. */
export function get(target: string, headers: Record<string, string> = {}): Buffer {
  return httpRequest('GET', target, headers);
}

/** A request line and headers sent as they are written (CRLF added), for shapes httpRequest cannot make. */
export function rawLines(...lines: string[]): string {
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** The header value of a response, or undefined. */
export function headerOf(r: RawResponse, name: string): string | undefined {
  return r.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/** The `name=value` of a Set-Cookie header for `cookieName`, ready for a Cookie header. */
export function cookieFrom(r: RawResponse, cookieName: string): string | undefined {
  const line = r.headers
    .filter(([n]) => n.toLowerCase() === 'set-cookie')
    .map(([, v]) => v)
    .find((v) => v.startsWith(`${cookieName}=`));
  return line?.split(';')[0];
}

/** Observations of several steps as one. */
export function merge(...observations: Observation[]): Observation {
  const out: Observation = new Map();
  for (const o of observations) for (const [k, v] of o) out.set(k, v);
  return out;
}

export { httpRequest };
