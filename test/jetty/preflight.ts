/**
 * `npm run test:jetty` runs this before mocha: when Jetty 9.4 or a JDK is missing it prints one line saying
 * what and how to get it, and exits 2, instead of a mocha failure with a stack.
 * @module
 */
import { findJettyEnvironment } from './jetty-environment';

const check = findJettyEnvironment();
if (!check.ok) {
  process.stderr.write(`ERROR : ${check.reason}\n`);
  process.exitCode = 2;
} else {
  process.stdout.write(`Differential suite: Jetty ${check.env.jettyVersion} from ${check.env.jettyHome}\n`);
}
