/**
 * Writes request log lines to a file that rolls over daily (org.eclipse.jetty.server.RequestLogWriter and
 * AsyncRequestLogWriter): `yyyy_mm_dd` in the file name becomes the date, old files are deleted after
 * retainDays, and append decides whether an existing file is continued or replaced.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Expose, JettyClass } from '../../ioc/metadata';
import { AbstractLifeCycle } from '../../util/component/abstract-life-cycle';
import { Log } from '../../util/log';
import type { RequestLogWriterContract } from '../request-log';
import { formatJavaDate } from './java-date-format';

const LOG = Log.getLogger('org.eclipse.jetty.server.RequestLogWriter');

const DATE_TOKEN = 'yyyy_mm_dd';

/**
 * Jetty's RequestLogWriter (and, as an alias, AsyncRequestLogWriter). Settings: `filename` (null = stderr),
 * `filenameDateFormat` ("yyyy_MM_dd"), `retainDays` (31), `append` (true), `timeZone` ("GMT").
 */
@JettyClass('org.eclipse.jetty.server.RequestLogWriter', {
  aliases: ['org.eclipse.jetty.server.AsyncRequestLogWriter'],
  implements: ['org.eclipse.jetty.server.RequestLog$Writer'],
  ctors: [
    [],
    [{ name: 'filename', type: 'String' }],
    [
      { name: 'filename', type: 'String' },
      { name: 'queue', type: 'java.util.concurrent.BlockingQueue' },
    ],
  ],
})
export class RequestLogWriter extends AbstractLifeCycle implements RequestLogWriterContract {
  private _filename: string | null = null;
  private _filenameDateFormat = 'yyyy_MM_dd';
  private _retainDays = 31;
  private _append = true;
  private _timeZone = 'GMT';
  private _stream: fs.WriteStream | null = null;
  private _currentFile: string | null = null;

  constructor(filename?: string | null) {
    super();
    if (filename) this.setFilename(filename);
  }

  @Expose('String') setFilename(filename: string | null): void {
    const f = filename?.trim();
    this._filename = f ? f : null;
  }
  @Expose() getFileName(): string | null {
    return this._filename;
  }
  /** The file being written now (the date filled in). */
  @Expose() getDatedFilename(): string | null {
    return this._currentFile;
  }
  @Expose('String') setFilenameDateFormat(format: string): void {
    this._filenameDateFormat = format;
  }
  @Expose() getFilenameDateFormat(): string {
    return this._filenameDateFormat;
  }
  @Expose('int') setRetainDays(days: number): void {
    this._retainDays = days;
  }
  @Expose() getRetainDays(): number {
    return this._retainDays;
  }
  @Expose('boolean') setAppend(append: boolean): void {
    this._append = append;
  }
  @Expose() isAppend(): boolean {
    return this._append;
  }
  @Expose('String') setTimeZone(zone: string): void {
    this._timeZone = zone;
  }
  @Expose() getTimeZone(): string {
    return this._timeZone;
  }

  /** The file name for `date`. */
  fileFor(date: Date): string | null {
    if (!this._filename) return null;
    if (!this._filename.includes(DATE_TOKEN)) return path.resolve(this._filename);
    return path.resolve(this._filename.replace(DATE_TOKEN, formatJavaDate(date, this._filenameDateFormat, this._timeZone)));
  }

  protected override async doStart(): Promise<void> {
    this.openFor(new Date());
  }

  private openFor(date: Date): void {
    const file = this.fileFor(date);
    if (file === this._currentFile && this._stream) return;
    this._stream?.end();
    this._stream = null;
    this._currentFile = file;
    if (!file) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const first = this._currentFile !== null && !this._append && fs.existsSync(file);
    if (first) {
      // Jetty keeps the previous file under a timestamped name when append is off
      const stamp = formatJavaDate(new Date(), 'yyyy_MM_dd-HHmmss', this._timeZone);
      try {
        fs.renameSync(file, `${file}.${stamp}`);
      } catch {
        /* keep going: the file is truncated below */
      }
    }
    this._stream = fs.createWriteStream(file, { flags: this._append ? 'a' : 'w' });
    this._stream.on('error', (err) => LOG.warn(`Cannot write request log '${file}': ${err.message}`, err));
    this.deleteOldFiles(date);
  }

  /** Deletes rolled files older than retainDays (files matching the pattern with another date). */
  private deleteOldFiles(now: Date): void {
    if (!this._filename || !this._filename.includes(DATE_TOKEN) || this._retainDays <= 0) return;
    const abs = path.resolve(this._filename);
    const dir = path.dirname(abs);
    const base = path.basename(abs);
    const at = base.indexOf(DATE_TOKEN);
    if (at < 0) return;
    const prefix = base.slice(0, at);
    const suffix = base.slice(at + DATE_TOKEN.length);
    const limit = now.getTime() - this._retainDays * 86400000;
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!name.startsWith(prefix) || !name.includes(suffix)) continue;
      const full = path.join(dir, name);
      if (full === this._currentFile) continue;
      try {
        if (fs.statSync(full).mtimeMs < limit) fs.unlinkSync(full);
      } catch {
        /* vanished meanwhile */
      }
    }
  }

  write(line: string): void {
    if (!this._filename) {
      process.stderr.write(`${line}\n`);
      return;
    }
    this.openFor(new Date());
    this._stream?.write(`${line}\n`);
  }

  protected override async doStop(): Promise<void> {
    const s = this._stream;
    this._stream = null;
    this._currentFile = null;
    if (s) await new Promise<void>((resolve) => s.end(() => resolve()));
  }

  override toString(): string {
    return `RequestLogWriter@${this.getState()}{${this._filename ?? 'stderr'}}`;
  }
}
