/**
 * The express 5 peer: express-session with its MemoryStore or with session-file-store.
 * @module
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { body, type RunningServer, type ServerOptions } from './server-kind';

type Any = any; // the peers ship no types we depend on

/** Starts express + express-session; `store` chooses MemoryStore ('memory') or session-file-store ('file'). */
export async function startExpress(options: ServerOptions, store: 'memory' | 'file'): Promise<RunningServer> {
  const express: Any = require('express');
  const session: Any = require('express-session');
  const app = express();
  let sessionStore: Any;
  if (store === 'file') {
    const FileStore: Any = require('session-file-store')(session);
    sessionStore = new FileStore({ path: options.storeDir, logFn: () => undefined, retries: 0 });
  } else {
    sessionStore = new session.MemoryStore();
  }
  app.use(session({
    secret: 'bench-secret-bench-secret-bench-secret', resave: false, saveUninitialized: false, store: sessionStore,
  }));
  app.get('/', (req: Any, res: Any) => {
    const s = req.session;
    if (options.mode === 'write' || s.n === undefined) s.n = (s.n ?? 0) + 1;
    res.type('text/plain').send(body(s.n));
  });
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
