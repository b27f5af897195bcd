/**
 * The launcher's environment for a start inside the test's own process: the real XML applier, the base as the
 * current folder, every line the launcher prints handed to `print`, and no SIGTERM/SIGINT hook (mocha owns
 * the process's signals; the test stops the server itself).
 * @module
 */
import type { MainEnvironment } from '../../src/start/main';
import { defaultXmlApplier } from '../../src/start/xml-runner';

export function inProcessLaunchEnvironment(base: string, print: (text: string) => void = () => undefined): MainEnvironment {
  return { out: print, err: print, cwd: base, applier: defaultXmlApplier, installShutdownHook: () => undefined };
}
