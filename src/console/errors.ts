/**
 * The session console's errors.
 * @module
 */
import { PierError } from '../util/errors';

/** The console cannot run as configured (no Server, no realm, ...). */
export class ConsoleConfigError extends PierError {}
