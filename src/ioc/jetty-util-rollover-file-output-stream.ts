/**
 * org.eclipse.jetty.util.RolloverFileOutputStream for XML (the `console-capture` module): a file whose name
 * holds `yyyy_mm_dd`, replaced by the date in the given time zone, that rolls over to a new file at
 * midnight and deletes files of the same pattern older than `retainDays`. Writes are synchronous, so a
 * line written just before the process exits is in the file.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Expose, JettyClass } from './metadata';
import { JavaTimeZone } from './java/java-time';

const DATE_TOKEN = 'yyyy_mm_dd';
const DAY_MS = 86_400_000;

/** The offset in minutes of an id Intl does not know but Java does (`GMT+01:00`, `UTC-5`), or undefined. */
function fixedOffsetMinutes(id: string): number | undefined {
  const m = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/.exec(id);
  if (!m) return undefined;
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** `yyyy_MM_dd` of `date` in the time zone `zone`. */
export function datedName(date: Date, zone: string): string {
  const offset = fixedOffsetMinutes(zone);
  if (offset !== undefined) {
    const d = new Date(date.getTime() + offset * 60_000);
    return `${d.getUTCFullYear()}_${String(d.getUTCMonth() + 1).padStart(2, '0')}_${String(d.getUTCDate()).padStart(2, '0')}`;
  }
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}_${get('month')}_${get('day')}`;
}

@JettyClass('org.eclipse.jetty.util.RolloverFileOutputStream', {
  implements: ['java.io.OutputStream'],
  ctors: [
    [{ name: 'filename', type: 'String' }],
    [
      { name: 'filename', type: 'String' },
      { name: 'append', type: 'boolean' },
    ],
    [
      { name: 'filename', type: 'String' },
      { name: 'append', type: 'boolean' },
      { name: 'retainDays', type: 'int' },
    ],
    [
      { name: 'filename', type: 'String' },
      { name: 'append', type: 'boolean' },
      { name: 'retainDays', type: 'int' },
      { name: 'zone', type: 'java.util.TimeZone' },
    ],
  ],
})
export class RolloverFileOutputStream {
  private readonly pattern: string;
  private readonly zone: string;
  private fd: number | null = null;
  private current: string | null = null;
  private day = '';
  private nextCheck = 0;

  /** Opens the file for today at once, as Jetty does, so a bad folder fails the start. */
  constructor(
    filename: string,
    private readonly append = true,
    private readonly retainDays = 31,
    zone: JavaTimeZone | null = null,
  ) {
    if (!filename || filename.trim() === '') throw new TypeError('Cannot open a rollover file: the file name is empty');
    this.pattern = path.resolve(filename.trim());
    this.zone = zone?.getID() ?? 'GMT';
    this.roll(new Date());
  }

  /** The file being written now, its date filled in. */
  @Expose() getDatedFilename(): string | null {
    return this.current;
  }
  @Expose() getFilename(): string {
    return this.pattern;
  }

  /** Writes text (Java writes bytes; the console it stands in for is text). */
  write(text: string | Uint8Array): void {
    const now = Date.now();
    if (now >= this.nextCheck) this.roll(new Date(now));
    if (this.fd === null) return;
    if (typeof text === 'string') fs.writeSync(this.fd, text);
    else fs.writeSync(this.fd, text);
  }

  @Expose() close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private roll(now: Date): void {
    this.nextCheck = Math.floor(now.getTime() / 60_000) * 60_000 + 60_000;
    const day = datedName(now, this.zone);
    if (day === this.day && this.fd !== null) return;
    this.day = day;
    const file = this.pattern.includes(DATE_TOKEN) ? this.pattern.replace(DATE_TOKEN, day) : this.pattern;
    this.close();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!this.append && fs.existsSync(file) && this.current === null) {
      // Jetty keeps the previous file of the same name under a time-stamped one when append is off
      const t = now.toISOString().slice(11, 23).replace(/[:.]/g, '');
      fs.renameSync(file, `${file}.${t}`);
    }
    this.fd = fs.openSync(file, this.append || this.current !== null ? 'a' : 'w');
    this.current = file;
    this.deleteOld(now);
  }

  /** Deletes files of the same pattern (another date in place of yyyy_mm_dd) not changed for retainDays. */
  private deleteOld(now: Date): void {
    if (this.retainDays <= 0 || !this.pattern.includes(DATE_TOKEN)) return;
    const dir = path.dirname(this.pattern);
    const [prefix, suffix] = path.basename(this.pattern).split(DATE_TOKEN);
    const limit = now.getTime() - this.retainDays * DAY_MS;
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (full === this.current || !name.startsWith(prefix) || !name.includes(suffix)) continue;
      if (!/^\d{4}_\d{2}_\d{2}/.test(name.slice(prefix.length))) continue;
      try {
        if (fs.statSync(full).mtimeMs < limit) fs.unlinkSync(full);
      } catch {
        // removed meanwhile
      }
    }
  }
}
