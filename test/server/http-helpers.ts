/**
 * Test helpers for the server area: start a Server on 127.0.0.1 port 0 with a handler, and send raw
 * HTTP requests (paths are sent exactly as given, so traversal attempts reach the server unchanged).
 * @module
 */
import * as http from 'node:http';
import * as net from 'node:net';
import { Server } from '../../src/server/server';
import { ServerConnector } from '../../src/server/server-connector';
import type { Handler } from '../../src/server/handler';
import { onLogRecord } from '../support/log-capture';

export interface TestServer {
  readonly server: Server;
  readonly connector: ServerConnector;
  readonly port: number;
}

/** The message of every record logged since this module was loaded (records are quiet during tests). */
export const logLines: string[] = [];
onLogRecord((r) => {
  logLines.push(r.message);
});

/** Starts a server with `handler` on an ephemeral port. */
export async function startServer(handler: Handler | null, configure?: (s: Server, c: ServerConnector) => void): Promise<TestServer> {
  const server = new Server();
  const connector = new ServerConnector(server);
  connector.setHost('127.0.0.1');
  connector.setPort(0);
  server.addConnector(connector);
  if (handler) server.setHandler(handler);
  configure?.(server, connector);
  await server.start();
  return { server, connector, port: connector.getLocalPort() };
}

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

/** Sends one request (a fresh connection each time) and reads the whole reply. */
export function request(
  port: number,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string | string[]>;
    body?: string | Buffer;
    agent?: http.Agent | false;
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Resolves after `ms` (for tests that need a request to be in flight). */
export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export interface RawReply {
  /** Everything the server sent, as latin1 text. */
  readonly text: string;
  /** True when the server closed the connection (else `waitMs` passed first). */
  readonly closed: boolean;
}

/**
 * Sends `data` exactly as given on a new connection and collects the answer until the server closes
 * the connection or `waitMs` passes (then the client closes it).
 */
export function rawRequest(port: number, data: string | Buffer, waitMs = 5000): Promise<RawReply> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(data));
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {
      /* a reset is a close too */
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
  });
}

/** Resolves true when `socket` is closed by the other side within `waitMs`, false otherwise. */
export function closedWithin(socket: net.Socket, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (socket.destroyed) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.on('error', () => {
      /* a reset is a close too */
    });
  });
}
