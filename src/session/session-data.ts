/**
 * The persistent part of a session (org.eclipse.jetty.server.session.SessionData): metadata, attributes
 * and the dirty flags that decide whether a write is needed.
 * @module
 */

/**
 * Jetty's SessionData. Times are epoch ms; `maxInactiveMs <= 0` means immortal and then `expiry` is 0.
 * `dirty` is set by attribute and max-inactive changes (forces a write); `metaDataDirty` by access and expiry
 * changes (a write that savePeriodSec may skip).
 */
export class SessionData {
  id: string;
  contextPath: string;
  vhost: string;
  lastNode = '';
  created: number;
  accessed: number;
  lastAccessed: number;
  cookieSet = 0;
  maxInactiveMs: number;
  expiry = 0;
  lastSaved = 0;
  readonly attributes = new Map<string, unknown>();
  dirty = false;
  metaDataDirty = false;

  constructor(id: string, contextPath: string, vhost: string, created: number, accessed: number, lastAccessed: number, maxInactiveMs: number) {
    this.id = id;
    this.contextPath = contextPath;
    this.vhost = vhost;
    this.created = created;
    this.accessed = accessed;
    this.lastAccessed = lastAccessed;
    this.maxInactiveMs = maxInactiveMs;
    this.calcAndSetExpiry(created);
  }

  getId(): string {
    return this.id;
  }
  setId(id: string): void {
    this.id = id;
  }
  getContextPath(): string {
    return this.contextPath;
  }
  getVhost(): string {
    return this.vhost;
  }
  getLastNode(): string {
    return this.lastNode;
  }
  setLastNode(node: string): void {
    this.lastNode = node;
  }
  getCreated(): number {
    return this.created;
  }
  getAccessed(): number {
    return this.accessed;
  }
  getLastAccessed(): number {
    return this.lastAccessed;
  }
  getCookieSet(): number {
    return this.cookieSet;
  }
  setCookieSet(t: number): void {
    this.cookieSet = t;
  }
  getMaxInactiveMs(): number {
    return this.maxInactiveMs;
  }
  setMaxInactiveMs(ms: number): void {
    this.maxInactiveMs = ms;
    this.dirty = true;
  }
  getExpiry(): number {
    return this.expiry;
  }
  setExpiry(t: number): void {
    if (t !== this.expiry) this.metaDataDirty = true;
    this.expiry = t;
  }
  getLastSaved(): number {
    return this.lastSaved;
  }
  setLastSaved(t: number): void {
    this.lastSaved = t;
  }

  /** Expiry for a session touched at `time`: time + maxInactiveMs, or 0 when immortal. */
  calcExpiry(time: number): number {
    return this.maxInactiveMs <= 0 ? 0 : time + this.maxInactiveMs;
  }
  calcAndSetExpiry(time: number = Date.now()): void {
    this.setExpiry(this.calcExpiry(time));
  }
  /** True iff the session is mortal and its expiry is at or before `time`. */
  isExpiredAt(time: number): boolean {
    return this.maxInactiveMs > 0 && this.expiry <= time;
  }

  getAttribute(name: string): unknown {
    return this.attributes.get(name);
  }
  getKeys(): string[] {
    return [...this.attributes.keys()];
  }
  getAllAttributes(): ReadonlyMap<string, unknown> {
    return this.attributes;
  }
  /** Sets (or with undefined/null removes) an attribute, marks dirty and returns the old value. */
  setAttribute(name: string, value: unknown): unknown {
    const old = this.attributes.get(name);
    if (value === null || value === undefined) this.attributes.delete(name);
    else this.attributes.set(name, value);
    this.dirty = true;
    return old;
  }
  putAllAttributes(attrs: ReadonlyMap<string, unknown>): void {
    for (const [k, v] of attrs) this.attributes.set(k, v);
  }
  clearAllAttributes(): void {
    this.attributes.clear();
  }

  isDirty(): boolean {
    return this.dirty;
  }
  setDirty(d = true): void {
    this.dirty = d;
  }
  isMetaDataDirty(): boolean {
    return this.metaDataDirty;
  }
  setMetaDataDirty(d = true): void {
    this.metaDataDirty = d;
  }
  /** Clears both dirty flags after a successful write. */
  clean(): void {
    this.dirty = false;
    this.metaDataDirty = false;
  }

  /** Updates accessed/lastAccessed for a request starting at `time` (metadata only). */
  setAccessed(time: number): void {
    this.accessed = time;
    this.metaDataDirty = true;
  }
  setLastAccessed(time: number): void {
    this.lastAccessed = time;
    this.metaDataDirty = true;
  }

  /** Copies everything from another SessionData with the same id (Jetty's copy). */
  copy(other: SessionData): void {
    if (other.id !== this.id) throw new RangeError(`Cannot copy session data '${other.id}': target is '${this.id}'`);
    this.lastNode = other.lastNode;
    this.contextPath = other.contextPath;
    this.vhost = other.vhost;
    this.cookieSet = other.cookieSet;
    this.created = other.created;
    this.accessed = other.accessed;
    this.lastAccessed = other.lastAccessed;
    this.maxInactiveMs = other.maxInactiveMs;
    this.expiry = other.expiry;
    this.lastSaved = other.lastSaved;
    this.attributes.clear();
    this.putAllAttributes(other.attributes);
  }

  toString(): string {
    return `SessionData@${this.id},ctx=${this.contextPath},vh=${this.vhost},created=${this.created},accessed=${this.accessed},expiry=${this.expiry},maxInactiveMs=${this.maxInactiveMs}`;
  }
}
