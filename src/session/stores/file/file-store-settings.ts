/**
 * The settings of the file store family, declared once for FileSessionDataStore and
 * FileSessionDataStoreFactory (Jetty's setter names; Pier adds the last three).
 * @module
 */
import * as path from 'node:path';
import { setting } from '../../store-settings';
import { DEFAULT_MAX_CHECKPOINT_BACKLOG_BYTES } from './journaled-session-files';
import {
  checkBacklogBytes,
  checkCheckpointPeriodMs,
  fileLikePath,
  parseDurability,
  type FileLike,
  type FileStoreDurability,
} from './file-store-values';

export const FILE_STORE_SETTINGS = {
  storeDir: setting<string | null, FileLike | null>({
    type: 'File',
    default: null,
    property: 'jetty.session.file.storeDir',
    fixedWhileRunning: true,
    doc: 'The folder of the session files (created if missing); a relative path is resolved against the working directory when set',
    check: (dir) => (dir === null || dir === undefined ? null : path.resolve(fileLikePath(dir))),
  }),
  deleteUnrestorableFiles: setting<boolean, boolean, 'is'>({
    type: 'boolean',
    default: false,
    property: 'jetty.session.file.deleteUnrestorableFiles',
    getter: 'is',
    doc: 'Deletes a session file that cannot be read instead of leaving it for an operator',
  }),
  durability: setting<FileStoreDurability, string>({
    type: 'String',
    default: 'journal',
    property: 'jetty.session.file.durability',
    fixedWhileRunning: true,
    doc: "When a session write is durable: journal (group-committed journal), file (fsync per file) or os (Jetty's own: no fsync)",
    check: parseDurability,
  }),
  checkpointPeriodMs: setting({
    type: 'long',
    default: 1000,
    property: 'jetty.session.file.checkpointPeriodMs',
    doc: "How often the journal is written into the session files, in ms; 0 leaves it to the journal's size and the stop",
    check: checkCheckpointPeriodMs,
  }),
  maxCheckpointBacklogBytes: setting({
    type: 'long',
    default: DEFAULT_MAX_CHECKPOINT_BACKLOG_BYTES,
    property: 'jetty.session.file.maxCheckpointBacklogBytes',
    fixedWhileRunning: true,
    doc: 'Bytes of journaled session data not yet in files beyond which a write first waits for the checkpoint',
    check: checkBacklogBytes,
  }),
};
