/**
 * Shims for java.io.File, java.net.InetAddress and java.net.InetSocketAddress (no DNS, no file access on construction).
 * @module
 */
import * as net from 'node:net';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { Expose, JettyClass } from '../metadata';

/**
 * java.io.File: a path. Setters typed `File` receive the path string (Pier models File and Path as strings);
 * a File object built with `<New class="java.io.File">` is converted to its path when passed on.
 */
@JettyClass('java.io.File', {
  ctors: [
    [{ name: 'pathname', type: 'String' }],
    [
      { name: 'parent', type: 'String' },
      { name: 'child', type: 'String' },
    ],
    [
      { name: 'parent', type: 'java.io.File' },
      { name: 'child', type: 'String' },
    ],
  ],
})
export class JavaFile {
  private readonly p: string;
  constructor(a: string | JavaFile, b?: string) {
    const parent = a instanceof JavaFile ? a.getPath() : a;
    this.p = b === undefined ? parent : path.join(parent, b);
  }
  @Expose() getPath(): string {
    return this.p;
  }
  @Expose() getName(): string {
    return path.basename(this.p);
  }
  @Expose() getParent(): string | null {
    const d = path.dirname(this.p);
    return d === this.p ? null : d;
  }
  @Expose() getAbsolutePath(): string {
    return path.resolve(this.p);
  }
  @Expose() getCanonicalPath(): string {
    try {
      return fs.realpathSync(this.p);
    } catch {
      return path.resolve(this.p);
    }
  }
  @Expose() exists(): boolean {
    return fs.existsSync(this.p);
  }
  @Expose() isDirectory(): boolean {
    try {
      return fs.statSync(this.p).isDirectory();
    } catch {
      return false;
    }
  }
  @Expose() toURI(): URL {
    return new URL(`file://${path.resolve(this.p)}`);
  }
  toString(): string {
    return this.p;
  }
}

/**
 * java.net.InetAddress for literal IPv4/IPv6 addresses only: Pier never performs name resolution
 * while reading configuration (a host name is an error, except `localhost`).
 */
@JettyClass('java.net.InetAddress', { ctors: [] })
export class JavaInetAddress {
  readonly address: string;
  constructor(text: string) {
    const literal = text.replace(/^\[(.*)\]$/, '$1');
    if (literal === 'localhost') this.address = '127.0.0.1';
    else if (net.isIP(literal) !== 0) this.address = literal;
    else throw new TypeError(`Cannot convert '${text}' to InetAddress: only literal addresses are supported (no DNS lookups)`);
  }
  @Expose('String') static getByName(host: string): JavaInetAddress {
    return new JavaInetAddress(host);
  }
  @Expose() getHostAddress(): string {
    return this.address;
  }
  toString(): string {
    return `/${this.address}`;
  }
}

/** java.net.InetSocketAddress: a host (kept as written) and a port. */
@JettyClass('java.net.InetSocketAddress', {
  ctors: [
    [{ name: 'port', type: 'int' }],
    [
      { name: 'hostname', type: 'String' },
      { name: 'port', type: 'int' },
    ],
  ],
})
export class JavaInetSocketAddress {
  readonly host: string;
  readonly port: number;
  constructor(a: string | number, b?: number) {
    if (typeof a === 'number') {
      this.host = '0.0.0.0';
      this.port = a;
    } else {
      this.host = a;
      this.port = b as number;
    }
  }
  @Expose() getHostString(): string {
    return this.host;
  }
  @Expose() getPort(): number {
    return this.port;
  }
  toString(): string {
    return `${this.host}:${this.port}`;
  }
}
