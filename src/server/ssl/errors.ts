/**
 * The errors of the TLS layer that callers catch.
 * @module
 */
import { PierError } from '../../util/errors';

/** A keystore or truststore that cannot be used: missing, of a format Pier cannot read, a wrong password or alias. */
export class KeyStoreError extends PierError {}
