/**
 * The file session store backend: FileSessionDataStore and its factory.
 * @module
 */
export { FileSessionDataStore, parseDurability, type FileLike, type FileStoreDurability } from './file-session-data-store';
export { SessionJournal } from './session-journal';
export { FileSessionDataStoreFactory } from './file-session-data-store-factory';
