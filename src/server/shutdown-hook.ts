/**
 * Stops servers on SIGTERM/SIGINT (Jetty's ShutdownThread, registered when stopAtShutdown is true).
 * The launcher installs it; tests never do.
 * @module
 */
import type { Server } from './server';
import { Log } from '../util/log';

const LOG = Log.getLogger('org.eclipse.jetty.util.thread.ShutdownThread');

/**
 * Installs SIGTERM and SIGINT handlers that stop `server` gracefully, then exit with code 0 (1 when the
 * stop failed). A second signal while stopping exits at once. Returns a function that removes the hook.
 */
export function installShutdownHook(server: Server, exit: (code: number) => void = (c) => process.exit(c)): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      exit(130);
      return;
    }
    stopping = true;
    LOG.info(`Received ${signal}: stopping ${server.dumpSelf()}`);
    server.stop().then(
      () => exit(0),
      (err: unknown) => {
        LOG.error(`Cannot stop server cleanly: ${err instanceof Error ? err.message : String(err)}`, err);
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}
