/**
 * Starts a `node:http` (or `https`) server listening, turning a failure into the BindError the launcher
 * prints in one line: the component, the address, and the reason in words.
 * @module
 */
import type * as net from 'node:net';
import { BindError } from './errors';

/** What an address failure means, in words (`EADDRINUSE`: address already in use, ...). */
function bindFailure(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return 'address already in use';
    case 'EACCES':
      return 'permission denied';
    case 'EADDRNOTAVAIL':
      return 'address not available';
    default:
      return err.message;
  }
}

/**
 * Listens with `options`; rejects with `Cannot bind <component> to <host>:<port>: <reason>` (`shownHost`
 * is the host as the message shows it: the configured one, or `0.0.0.0` for every interface).
 */
export function listenOrFail(server: net.Server, options: net.ListenOptions, component: string, shownHost: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const port = options.port ?? 0;
      reject(
        new BindError(`Cannot bind ${component} to ${shownHost}:${port}: ${bindFailure(err)}`, err.code ?? 'UNKNOWN', shownHost, port, {
          cause: err,
        }),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(options);
  });
}
