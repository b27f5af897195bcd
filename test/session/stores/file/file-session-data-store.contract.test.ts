/**
 * Runs the SessionDataStore contract against FileSessionDataStore.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileSessionDataStore } from '../../../../src/session/stores/file/file-session-data-store';
import { encodeSessionData } from '../../../../src/session/session-data-codec';
import { sessionDataStoreContract } from '../../session-data-store.contract';
import { tempDir } from '../../support';

let tmp: { dir: string; cleanup: () => void } | null = null;

for (const durability of ['journal', 'file', 'os'])
  sessionDataStoreContract({
    name: `FileSessionDataStore (durability ${durability})`,
    persists: true,
    passivating: true,
    createStore: () => {
      tmp ??= tempDir();
      const s = new FileSessionDataStore();
      s.setStoreDir(tmp.dir);
      s.setDurability(durability);
      return s;
    },
    async persistOutOfBand(store, data) {
      const s = store as FileSessionDataStore;
      fs.writeFileSync(path.join(s.getStoreDir()!, s.getFileName(data.getId(), data.getExpiry())), encodeSessionData(data));
      // the file store maps files at start: restart so it sees the new one
      await s.stop();
      await s.start();
    },
    async persistUnreadable(store, _ctx, id) {
      const s = store as FileSessionDataStore;
      fs.writeFileSync(path.join(s.getStoreDir()!, s.getFileName(id, Date.now() + 60_000)), '{"format":"pier-session","ver');
      await s.stop();
      await s.start();
    },
    async existsOutOfBand(store, id) {
      const s = store as FileSessionDataStore;
      await s.checkpoint();
      return fs.readdirSync(s.getStoreDir()!).some((n) => n.endsWith(`_${id}`));
    },
    cleanup() {
      tmp?.cleanup();
      tmp = null;
    },
  });
