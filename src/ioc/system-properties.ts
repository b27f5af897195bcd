/**
 * The process-wide Java-style system properties (`-Dx=y` on bin/start, `<SystemProperty>` in XML).
 * @module
 */
import * as os from 'node:os';
import * as path from 'node:path';

const props = new Map<string, string>();

function defaults(): void {
  props.set('user.dir', process.cwd());
  props.set('user.home', os.homedir());
  props.set(
    'user.name',
    (() => {
      try {
        return os.userInfo().username;
      } catch {
        return '';
      }
    })(),
  );
  props.set('java.io.tmpdir', os.tmpdir());
  props.set('file.separator', path.sep);
  props.set('path.separator', path.delimiter);
  props.set('line.separator', os.EOL);
  props.set('os.name', os.type());
  props.set('os.arch', os.arch());
  props.set('java.version', process.versions.node);
}
defaults();

/**
 * Java's `System.getProperties()` for Pier: seeded with `user.dir`, `user.home`, `user.name`,
 * `java.io.tmpdir`, `file.separator`, `path.separator`, `line.separator`, `os.name`, `os.arch`.
 */
export const SystemProperties = {
  get(name: string): string | undefined {
    return props.get(name);
  },
  set(name: string, value: string): string | undefined {
    const prev = props.get(name);
    props.set(name, value);
    return prev;
  },
  clear(name: string): string | undefined {
    const prev = props.get(name);
    props.delete(name);
    return prev;
  },
  has(name: string): boolean {
    return props.has(name);
  },
  /** A snapshot copy of all properties. */
  all(): Map<string, string> {
    return new Map(props);
  },
  /** Restores the seeded defaults and drops everything else (for tests). */
  reset(): void {
    props.clear();
    defaults();
  },
};
