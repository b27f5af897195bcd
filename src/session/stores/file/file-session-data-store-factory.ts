/**
 * Makes FileSessionDataStores (org.eclipse.jetty.server.session.FileSessionDataStoreFactory), the bean
 * etc/sessions/file/session-store.xml adds to the Server.
 * @module
 */
import { JettyClass, Expose } from '../../../ioc/metadata';
import { AbstractSessionDataStoreFactory } from '../../abstract-session-data-store-factory';
import { FileSessionDataStore, type FileLike } from './file-session-data-store';
import type { SessionDataStore } from '../../session-data-store';

/**
 * Jetty's FileSessionDataStoreFactory: `storeDir` (`jetty.session.file.storeDir`),
 * `deleteUnrestorableFiles` (`jetty.session.file.deleteUnrestorableFiles`), `savePeriodSec`
 * (`jetty.session.savePeriod.seconds`) and `gracePeriodSec` (0 here, as the 9.4 factory).
 */
@JettyClass('org.eclipse.jetty.server.session.FileSessionDataStoreFactory')
export class FileSessionDataStoreFactory extends AbstractSessionDataStoreFactory {
  private _storeDir: FileLike | null = null;
  private _deleteUnrestorableFiles = false;

  @Expose('File') setStoreDir(dir: FileLike | null): void { this._storeDir = dir; }
  @Expose() getStoreDir(): FileLike | null { return this._storeDir; }
  @Expose('boolean') setDeleteUnrestorableFiles(b: boolean): void { this._deleteUnrestorableFiles = b; }
  @Expose() isDeleteUnrestorableFiles(): boolean { return this._deleteUnrestorableFiles; }

  getSessionDataStore(_handler: unknown): SessionDataStore {
    const store = new FileSessionDataStore();
    store.setDeleteUnrestorableFiles(this._deleteUnrestorableFiles);
    store.setStoreDir(this._storeDir);
    store.setGracePeriodSec(this._gracePeriodSec);
    store.setSavePeriodSec(this._savePeriodSec);
    return store;
  }
}
