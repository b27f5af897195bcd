import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STORE_LOCK_FILE } from '../../src/session/store-folder-lock';
import { chooseLauncher, cookieOf, counterOf, get, makeBase, PierProcess, reportFigures, seededRandom, type Launcher } from './support';

const TOTAL = 1000;
const BAD = 100;
type Kind = 'corrupted' | 'truncated' | 'empty' | 'foreign';
const KINDS: Kind[] = ['corrupted', 'truncated', 'empty', 'foreign'];

interface Fixture {
  good: Map<string, number>;
  bad: Map<string, Kind>;
  template: { name: string; id: string; cookie: string };
  others: string[];
}

/** Makes one real session file with the server, then clones it into TOTAL files of which BAD are damaged. */
async function fillStore(launcher: Launcher, base: string, store: string): Promise<Fixture> {
  const maker = await PierProcess.start(launcher, base, store);
  const r = await get(maker.port, maker.counterPath);
  const cookie = cookieOf(r) as string;
  expect(await maker.kill('SIGTERM')).to.equal(0);
  const [name] = fs.readdirSync(store).filter((n) => n !== STORE_LOCK_FILE);
  const doc = JSON.parse(fs.readFileSync(path.join(store, name), 'utf8')) as Record<string, unknown>;
  const id = String(doc.id);
  fs.unlinkSync(path.join(store, name));
  const random = seededRandom(1000);
  const good = new Map<string, number>();
  const bad = new Map<string, Kind>();
  for (let i = 0; i < TOTAL; i++) {
    const sid = `reliability${String(i).padStart(5, '0')}`;
    const file = path.join(store, name.replace(id, sid));
    const text = JSON.stringify({ ...doc, id: sid, attributes: { ...(doc.attributes as object), n: 1000 + i } });
    if (i % (TOTAL / BAD) !== 7) {
      fs.writeFileSync(file, text);
      good.set(sid, 1000 + i);
      continue;
    }
    const kind = KINDS[bad.size % KINDS.length];
    bad.set(sid, kind);
    if (kind === 'corrupted') {
      const bytes = Buffer.from(text);
      for (let k = 0; k < 8; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      bytes[0] = 0x00; // never valid JSON
      fs.writeFileSync(file, bytes);
    } else if (kind === 'truncated') {
      fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    } else if (kind === 'empty') {
      fs.writeFileSync(file, '');
    } else {
      // Foreign: a Java serialised object header, or another session's document under this name.
      fs.writeFileSync(file, bad.size % 2 === 0 ? Buffer.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72]) : text.replace(sid, 'someoneelse'));
    }
  }
  // Files that are not session files at all must be left alone.
  const others = ['README.txt', 'notes_about_sessions', '.hidden'];
  for (const o of others) fs.writeFileSync(path.join(store, o), `not a session: ${o}\n`);
  return { good, bad, template: { name, id, cookie }, others };
}

for (const deleteUnrestorableFiles of [true, false]) {
  describe(`a file store of 1,000 sessions of which 100 are damaged (deleteUnrestorableFiles=${deleteUnrestorableFiles})`, function () {
    let launcher: Launcher;
    let base: string;
    let server: PierProcess | null = null;
    before(async function () {
      launcher = await chooseLauncher();
      base = makeBase();
    });
    after(async () => {
      if (server) await server.kill('SIGKILL').catch(() => undefined);
      fs.rmSync(base, { recursive: true, force: true });
    });

    it(`starts, restores the 900, answers the 100 with new sessions and reports each bad file in one line${deleteUnrestorableFiles ? ', deleting it' : ', keeping it until a new session takes its id'}`, async () => {
      const store = path.join(base, 'sessions');
      const fx = await fillStore(launcher, base, store);
      const badBytes = new Map(
        [...fx.bad.keys()].map((sid) => {
          const f = fs.readdirSync(store).find((n) => n.endsWith(`_${sid}`)) as string;
          return [sid, { f, bytes: fs.readFileSync(path.join(store, f)) }];
        }),
      );
      server = await PierProcess.start(launcher, base, store, 60_000, { deleteUnrestorableFiles });
      const ids = [...fx.good.keys(), ...fx.bad.keys()];
      const problems: string[] = [];
      let restored = 0;
      let renewed = 0;
      let next = 0;
      const port = server.port;
      const counterPath = server.counterPath;
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          while (next < ids.length) {
            const sid = ids[next++];
            for (let attempt = 0; attempt < 2; attempt++) {
              const r = await get(port, counterPath, fx.template.cookie.replace(fx.template.id, sid));
              if (r.status !== 200) {
                problems.push(`${sid}: status ${r.status}`);
                continue;
              }
              const n = counterOf(r.body);
              if (fx.good.has(sid)) {
                if (attempt === 0 && n === (fx.good.get(sid) as number) + 1) restored++;
                else if (attempt === 0) problems.push(`${sid}: good session answered n=${n}`);
              } else if (attempt === 0) {
                if (n === 1 && r.setCookie.length > 0) renewed++;
                else problems.push(`${sid} (${fx.bad.get(sid)}): answered n=${n}`);
              }
            }
          }
        }),
      );
      const output = server.output();
      const linesPerBad = [...fx.bad.keys()].map((sid) => output.split('\n').filter((l) => l.includes(sid)).length);
      const left = new Set(fs.readdirSync(store));
      const badLeft = [...badBytes.values()].filter(({ f }) => left.has(f));
      const badUnchanged = [...badBytes.values()].filter(({ f, bytes }) => left.has(f) && fs.readFileSync(path.join(store, f)).equals(bytes));
      // As in Jetty 9.4, the requested id of an unreadable session is still "in use" (its file exists), so the
      // new session reuses it and its first write replaces the damaged file with a readable one.
      const replacedByNewSession = [...fx.bad.keys()].filter((sid) => {
        const f = [...left].find((n) => n.endsWith(`_${sid}`));
        if (!f) return false;
        try {
          return (JSON.parse(fs.readFileSync(path.join(store, f), 'utf8')) as { id?: string }).id === sid;
        } catch {
          return false;
        }
      });
      const othersKept = fx.others.filter((o) => left.has(o));
      reportFigures(`damaged store (deleteUnrestorableFiles=${deleteUnrestorableFiles})`, {
        launcher,
        files: TOTAL,
        damaged: BAD,
        restored,
        newSessionsForDamaged: renewed,
        linesPerDamagedFile: [...new Set(linesPerBad)],
        damagedFilesLeftAsTheyWere: badUnchanged.length,
        damagedFilesReplacedByNewSession: replacedByNewSession.length,
        nonSessionFilesKept: othersKept.length,
      });
      expect(problems.slice(0, 10)).to.deep.equal([]);
      expect(restored).to.equal(TOTAL - BAD);
      expect(renewed).to.equal(BAD);
      expect(
        linesPerBad.every((n) => n === 1),
        `lines per damaged file: ${linesPerBad.join(',')}\n${output.slice(-1500)}`,
      ).to.equal(true);
      if (deleteUnrestorableFiles) {
        expect(badUnchanged.length).to.equal(0);
        expect(badLeft.length).to.be.at.most(replacedByNewSession.length);
      } else expect(badUnchanged.length + replacedByNewSession.length).to.equal(BAD);
      expect(othersKept).to.deep.equal(fx.others);
    });
  });
}
