/**
 * java.io.PrintStream over an output stream XML made (a RolloverFileOutputStream), and what
 * `System.setOut` and `System.setErr` do with one: from then on, everything the process writes to its
 * stdout or stderr (Pier's log lines included) goes to that stream instead, as in the JVM.
 * @module
 */
import { Expose, JettyClass } from '../metadata';
import { toJavaString } from '../java-value';

/** What a PrintStream writes to: a shim with a synchronous `write` (RolloverFileOutputStream). */
export interface JavaOutputStream {
  write(text: string | Uint8Array): void;
  close?(): void;
}

@JettyClass('java.io.PrintStream', {
  ctors: [
    [{ name: 'out', type: 'java.io.OutputStream' }],
    [
      { name: 'out', type: 'java.io.OutputStream' },
      { name: 'autoFlush', type: 'boolean' },
    ],
  ],
})
export class JavaPrintStream {
  constructor(readonly out: JavaOutputStream) {
    if (out === null || out === undefined) throw new TypeError('Cannot create a PrintStream: the output stream is null');
  }
  @Expose('Object') print(v: unknown): void {
    this.out.write(toJavaString(v));
  }
  @Expose('Object') println(v?: unknown): void {
    this.out.write(`${v === undefined ? '' : toJavaString(v)}\n`);
  }
  @Expose() flush(): void {
    // writes are synchronous
  }
  @Expose() close(): void {
    this.out.close?.();
  }
}

type Write = typeof process.stdout.write;
const ORIGINAL: Record<'out' | 'err', Write> = { out: process.stdout.write, err: process.stderr.write };

/** `System.setOut` / `System.setErr`: the process's stdout or stderr writes go to `target`. */
export function captureProcessStream(which: 'out' | 'err', target: JavaPrintStream | null): void {
  const stream = which === 'out' ? process.stdout : process.stderr;
  if (target === null) {
    stream.write = ORIGINAL[which];
    return;
  }
  stream.write = ((chunk: string | Uint8Array, encoding?: unknown, done?: unknown): boolean => {
    target.out.write(chunk);
    const cb = typeof encoding === 'function' ? encoding : done;
    if (typeof cb === 'function') cb();
    return true;
  }) as Write;
}

/** Gives stdout and stderr back their own writes (for tests, and for code that applied console-capture by hand). */
export function restoreProcessStreams(): void {
  process.stdout.write = ORIGINAL.out;
  process.stderr.write = ORIGINAL.err;
}
