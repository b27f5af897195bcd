/**
 * The file session store backend: FileSessionDataStore and its factory.
 * @module
 */
export { FileSessionDataStore, type FileLike } from './file-session-data-store';
export { FileSessionDataStoreFactory } from './file-session-data-store-factory';
