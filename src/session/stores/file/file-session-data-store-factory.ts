/**
 * Makes FileSessionDataStores (org.eclipse.jetty.server.session.FileSessionDataStoreFactory), the bean
 * etc/sessions/file/session-store.xml adds to the Server.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import { AbstractSessionDataStoreFactory } from '../../abstract-session-data-store-factory';
import * as path from 'node:path';
import { checkBacklogBytes, checkCheckpointPeriodMs, FileSessionDataStore, fileLikePath, parseDurability, type FileLike, type FileStoreDurability } from './file-session-data-store';
import { lockStoreFolder, type StoreFolderLock } from '../../store-folder-lock';
import { DEFAULT_MAX_CHECKPOINT_BACKLOG_BYTES } from './journaled-session-files';
import type { SessionDataStore } from '../../session-data-store';

/**
 * Jetty's FileSessionDataStoreFactory: `storeDir` (`jetty.session.file.storeDir`),
 * `deleteUnrestorableFiles` (`jetty.session.file.deleteUnrestorableFiles`), `savePeriodSec`
 * (`jetty.session.savePeriod.seconds`) and `gracePeriodSec` (0 here, as the 9.4 factory); Pier adds
 * `durability` (`jetty.session.file.durability`), `checkpointPeriodMs`
 * (`jetty.session.file.checkpointPeriodMs`) and `maxCheckpointBacklogBytes`
 * (`jetty.session.file.maxCheckpointBacklogBytes`).
 */
@JettyClass('org.eclipse.jetty.server.session.FileSessionDataStoreFactory')
export class FileSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  private _storeDir: FileLike | null = null;
  private _deleteUnrestorableFiles = false;
  private _durability: FileStoreDurability = 'journal';
  private _checkpointPeriodMs = 1000;
  private _maxCheckpointBacklogBytes = DEFAULT_MAX_CHECKPOINT_BACKLOG_BYTES;
  private _folderLock: StoreFolderLock | null = null;

  @Expose('File') setStoreDir(dir: FileLike | null): void { this._storeDir = dir; }
  @Expose() getStoreDir(): FileLike | null { return this._storeDir; }
  @Expose('boolean') setDeleteUnrestorableFiles(b: boolean): void { this._deleteUnrestorableFiles = b; }
  @Expose() isDeleteUnrestorableFiles(): boolean { return this._deleteUnrestorableFiles; }
  /** Checked here, at configuration time, so that a typo fails where the XML sets it. */
  @Expose('String') setDurability(mode: string): void { this._durability = parseDurability(mode); }
  @Expose() getDurability(): FileStoreDurability { return this._durability; }
  @Expose('long') setCheckpointPeriodMs(ms: number): void { this._checkpointPeriodMs = checkCheckpointPeriodMs(ms); }
  @Expose() getCheckpointPeriodMs(): number { return this._checkpointPeriodMs; }
  @Expose('long') setMaxCheckpointBacklogBytes(bytes: number): void { this._maxCheckpointBacklogBytes = checkBacklogBytes(bytes); }
  @Expose() getMaxCheckpointBacklogBytes(): number { return this._maxCheckpointBacklogBytes; }

  /**
   * A Server bean: while the server runs it holds its store folder (see store-folder-lock), so that a
   * second process on the same folder fails to start with one line instead of taking over its journal.
   */
  protected override async doStart(): Promise<void> {
    if (this._storeDir !== null) this._folderLock = lockStoreFolder(path.resolve(fileLikePath(this._storeDir)), 'the server\'s FileSessionDataStoreFactory');
  }

  protected override async doStop(): Promise<void> {
    this._folderLock?.release();
    this._folderLock = null;
  }

  getSessionDataStore(_handler: unknown): SessionDataStore {
    const store = new FileSessionDataStore();
    store.setDeleteUnrestorableFiles(this._deleteUnrestorableFiles);
    store.setDurability(this._durability);
    store.setCheckpointPeriodMs(this._checkpointPeriodMs);
    store.setMaxCheckpointBacklogBytes(this._maxCheckpointBacklogBytes);
    store.setStoreDir(this._storeDir);
    store.setGracePeriodSec(this._gracePeriodSec);
    store.setSavePeriodSec(this._savePeriodSec);
    return store;
  }
}
