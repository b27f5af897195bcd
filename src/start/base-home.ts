/**
 * The jetty.home / jetty.base pair and the file lookup that lets a base override home files.
 * @module
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Jetty's `org.eclipse.jetty.start.BaseHome`: resolves a relative path first in `${jetty.base}`,
 * then in each `--include-jetty-dir`, then in `${jetty.home}`; absolute paths are used as is.
 */
export class BaseHome {
  readonly home: string;
  readonly base: string;
  readonly includeDirs: string[];

  constructor(home: string, base: string, includeDirs: string[] = []) {
    this.home = path.resolve(home);
    this.base = path.resolve(base);
    this.includeDirs = includeDirs.map((d) => path.resolve(this.base, d));
  }

  /** The search path, highest priority first (duplicates removed). */
  get dirs(): string[] {
    return [...new Set([this.base, ...this.includeDirs, this.home])];
  }

  /** Finds `rel` in base, include dirs, home; returns the first existing file or undefined. */
  find(rel: string): string | undefined {
    if (path.isAbsolute(rel)) return fs.existsSync(rel) ? rel : undefined;
    for (const dir of this.dirs) {
      const p = path.join(dir, rel);
      if (fs.existsSync(p)) return p;
    }
    return undefined;
  }

  /**
   * Every `modules/*.mod` (top level only) of all layers, base versions shadowing home ones.
   * Order: the home layer's modules by name, then each include dir's, then the base's, which is the
   * discovery order Jetty 9.4's use cases show (home modules sort before base-only modules); a base
   * copy of a home module is used in the home module's place.
   */
  listModuleFiles(): Map<string, string> {
    const chosen = new Map<string, { file: string; layer: number }>();
    const layers = this.dirs;
    layers.forEach((dir, layer) => {
      const modDir = path.join(dir, 'modules');
      let names: string[];
      try {
        names = fs.readdirSync(modDir);
      } catch {
        return;
      }
      for (const n of names) {
        if (!n.endsWith('.mod')) continue;
        const full = path.join(modDir, n);
        if (!fs.statSync(full).isFile()) continue;
        const name = n.substring(0, n.length - 4);
        // The highest-priority file wins; the module keeps the place of its lowest layer, so that
        // overriding a home module in the base does not move it in the order.
        const prev = chosen.get(name);
        chosen.set(name, { file: prev ? prev.file : full, layer });
      }
    });
    const entries = [...chosen.entries()].sort(([na, a], [nb, b]) => b.layer - a.layer || (na < nb ? -1 : na > nb ? 1 : 0));
    return new Map(entries.map(([n, e]) => [n, e.file]));
  }

  /** Replaces `${jetty.home}` and `${jetty.base}` in a path argument. */
  expandHomeBase(p: string): string {
    return p.split('${jetty.base}').join(this.base).split('${jetty.home}').join(this.home);
  }

  /** Shortens a path for messages: `${jetty.base}/x`, `${jetty.home}/x`, or the path itself. */
  toShortForm(p: string): string {
    const abs = path.resolve(p);
    if (abs === this.base || abs.startsWith(this.base + path.sep)) return '${jetty.base}' + abs.substring(this.base.length);
    if (abs === this.home || abs.startsWith(this.home + path.sep)) return '${jetty.home}' + abs.substring(this.home.length);
    return abs;
  }
}

/** The folder that holds Pier's `package.json`, found by walking up from `from` (jetty.home of this installation). */
export function findInstallationHome(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (let i = 0; i < 12; i++) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        const json = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string };
        if (json.name === 'pier') return dir;
      } catch {
        // not ours: keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.resolve(from, '..', '..', '..');
}
