/**
 * The fastify 5 peer: @fastify/cookie + @fastify/session with its default in-memory store.
 * @module
 */
import { body, type RunningServer, type ServerOptions } from './server-kind';
import { requirePeer } from '../peers';

type Any = any; // the peer's types are not needed here

/** Starts fastify + @fastify/session on 127.0.0.1, port 0. */
export async function startFastify(options: ServerOptions): Promise<RunningServer> {
  const Fastify: Any = requirePeer('fastify');
  const app = Fastify({ logger: false });
  await app.register(requirePeer('@fastify/cookie'));
  await app.register(requirePeer('@fastify/session'), {
    secret: 'bench-secret-bench-secret-bench-secret',
    cookie: { secure: false },
    saveUninitialized: false,
  });
  app.get('/', async (req: Any, reply: Any) => {
    let n = req.session.get('n') as number | undefined;
    if (options.mode === 'write' || n === undefined) {
      n = (n ?? 0) + 1;
      req.session.set('n', n);
    }
    reply.type('text/plain');
    return body(n);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: app.server.address().port, close: () => app.close() };
}
