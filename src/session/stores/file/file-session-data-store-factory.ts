/**
 * Makes FileSessionDataStores (org.eclipse.jetty.server.session.FileSessionDataStoreFactory), the bean
 * etc/sessions/file/session-store.xml adds to the Server.
 * @module
 */
import * as path from 'node:path';
import { JettyClass } from '../../../ioc/metadata';
import { AbstractSessionDataStoreFactory } from '../../abstract-session-data-store-factory';
import { FileSessionDataStore } from './file-session-data-store';
import { FILE_STORE_SETTINGS } from './file-store-settings';
import { fileLikePath } from './file-store-values';
import { lockStoreFolder, type StoreFolderLock } from '../../store-folder-lock';
import { exposeStoreSettings, storeSettingDefaults, type StoreSettingAccessors } from '../../store-settings';
import type { SessionDataStore } from '../../session-data-store';

/**
 * Jetty's FileSessionDataStoreFactory: the file store's settings (FILE_STORE_SETTINGS: `storeDir`,
 * `deleteUnrestorableFiles`, and Pier's `durability`, `checkpointPeriodMs`, `maxCheckpointBacklogBytes`),
 * plus `savePeriodSec` (`jetty.session.savePeriod.seconds`) and `gracePeriodSec` (0 here, as the 9.4
 * factory), handed to every store it makes.
 */
@JettyClass('org.eclipse.jetty.server.session.FileSessionDataStoreFactory')
export class FileSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  /** The settings every store it makes gets (FILE_STORE_SETTINGS). */
  readonly settings = storeSettingDefaults(FILE_STORE_SETTINGS);
  private _folderLock: StoreFolderLock | null = null;

  /**
   * A Server bean: while the server runs it holds its store folder (see store-folder-lock), so that a
   * second process on the same folder fails to start with one line instead of taking over its journal.
   */
  protected override async doStart(): Promise<void> {
    const dir = this.settings.storeDir;
    if (dir !== null) this._folderLock = lockStoreFolder(path.resolve(fileLikePath(dir)), "the server's FileSessionDataStoreFactory");
  }

  protected override async doStop(): Promise<void> {
    this._folderLock?.release();
    this._folderLock = null;
  }

  getSessionDataStore(_handler: unknown): SessionDataStore {
    const store = new FileSessionDataStore();
    Object.assign(store.settings, this.settings);
    return this.withPeriods(store);
  }
}

// Jetty's setters and getters of the settings (setStoreDir, isDeleteUnrestorableFiles, ...), from FILE_STORE_SETTINGS
export interface FileSessionDataStoreFactory extends StoreSettingAccessors<typeof FILE_STORE_SETTINGS> {}
exposeStoreSettings(FileSessionDataStoreFactory, FILE_STORE_SETTINGS, { fixedWhileRunning: false });
