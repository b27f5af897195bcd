/**
 * The ceiling: a raw `node:http` server answering "hello" with no framework and no session.
 * @module
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer, ServerOptions } from './server-kind';

/** Starts the raw node:http hello server on 127.0.0.1, port 0. */
export async function startNodeHttp(_options: ServerOptions): Promise<RunningServer> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' });
    res.end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
