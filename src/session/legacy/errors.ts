/**
 * The errors of the legacy HashSessionManager: a store directory claimed by two managers.
 * @module
 */
import { PierError } from '../../util/errors';

/**
 * Two HashSessionManagers were pointed at one `storeDirectory`. Legacy session files carry no context in
 * their name, so sharing a folder would let one web app restore (and delete) the other's sessions.
 */
export class SharedStoreDirectoryError extends PierError {
  constructor(
    readonly directory: string,
    readonly context: string,
    readonly otherContext: string,
  ) {
    super(
      `Cannot start HashSessionManager of context '${context}': storeDirectory '${directory}' is already used by the HashSessionManager of context '${otherContext}' (give each web app its own storeDirectory)`,
    );
  }
}
