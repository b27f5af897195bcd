/**
 * The child-process entry of one benchmarked server: starts it, reports its port over IPC, answers probes.
 * @module
 */
import { startExpress } from './servers/express';
import { startFastify } from './servers/fastify';
import { startNodeHttp } from './servers/node-http';
import { startPier } from './servers/pier';
import { ServerUnavailableError, type RunningServer, type ServerOptions } from './servers/server-kind';

/** Every server the bench knows, by its id in the results. */
export const SERVER_STARTERS: Record<string, (o: ServerOptions) => Promise<RunningServer>> = {
  'node:http': startNodeHttp,
  'pier': (o) => startPier(o, o.mode === 'hello' ? 'none' : 'null'),
  'pier-file': (o) => startPier(o, 'file'),
  'pier-legacy-hash': (o) => startPier(o, 'legacy-hash'),
  'pier-jdbc': (o) => startPier(o, 'jdbc'),
  'pier-redis': (o) => startPier(o, 'redis'),
  'express-session-memory': (o) => startExpress(o, 'memory'),
  'express-session-file': (o) => startExpress(o, 'file'),
  'express-session-pg': (o) => startExpress(o, 'pg'),
  'express-session-redis': (o) => startExpress(o, 'redis'),
  'fastify-session': startFastify,
};

/** Messages from the child to the runner. */
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'unavailable'; reason: string }
  | { type: 'failed'; reason: string }
  | { type: 'reply'; seq: number; result?: Record<string, unknown>; error?: string };

/** Messages from the runner to the child. */
export type ParentMessage = { type: 'probe'; seq: number; name: string; arg: Record<string, unknown> } | { type: 'stop' };

async function main(): Promise<void> {
  const id = process.argv[2];
  const options = JSON.parse(process.env.BENCH_SERVER_OPTIONS ?? '{}') as ServerOptions;
  const send = (m: ChildMessage): void => {
    process.send?.(m);
  };
  const starter = SERVER_STARTERS[id];
  if (!starter) {
    send({ type: 'failed', reason: `Cannot start server '${id}': unknown server id` });
    process.exit(2);
  }
  let running: RunningServer;
  try {
    running = await starter(options);
  } catch (err) {
    if (err instanceof ServerUnavailableError) send({ type: 'unavailable', reason: err.message });
    else send({ type: 'failed', reason: `Cannot start server '${id}': ${(err as Error).stack ?? err}` });
    setTimeout(() => process.exit(3), 50);
    return;
  }
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'stop') {
      void running.close().finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 5000).unref();
      return;
    }
    if (m.type === 'probe') {
      const probe = m.name === 'rss' ? async () => ({ rss: process.memoryUsage().rss }) : running.probes?.[m.name];
      if (!probe) {
        send({ type: 'reply', seq: m.seq, error: `Cannot run probe '${m.name}': not offered by '${id}'` });
        return;
      }
      probe(m.arg).then(
        (result) => send({ type: 'reply', seq: m.seq, result }),
        (err) => send({ type: 'reply', seq: m.seq, error: String((err as Error).stack ?? err) }),
      );
    }
  });
  process.on('disconnect', () => process.exit(0));
  // Graceful stop on SIGTERM, as bin/start does: in-flight requests finish, sessions are written, exit 0.
  process.once('SIGTERM', () => {
    running.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`Cannot stop '${id}': ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  });
  send({ type: 'ready', port: running.port });
}

if (require.main === module) void main();
