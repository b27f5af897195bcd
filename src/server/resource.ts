/**
 * A file-system resource (org.eclipse.jetty.util.resource.Resource), as far as XML needs one for a
 * context's baseResource: `Resource.newResource("path or file: URL")`.
 * @module
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Expose, JettyClass } from '../ioc/metadata';
import { canonicalUri } from './uri-path';

/**
 * Jetty's Resource, reduced to a directory or file path. XML:
 * `<Call class="org.eclipse.jetty.util.resource.Resource" name="newResource"><Arg>/srv/www</Arg></Call>`.
 */
@JettyClass('org.eclipse.jetty.util.resource.Resource', {
  aliases: ['org.eclipse.jetty.util.resource.PathResource', 'org.eclipse.jetty.util.resource.FileResource'],
  ctors: [[{ name: 'path', type: 'String' }]],
})
export class Resource {
  private readonly _path: string;

  constructor(location: string) {
    this._path = Resource.toPath(location);
  }

  /** Makes a resource from a path or a `file:` URL. */
  @Expose('String')
  static newResource(location: string): Resource {
    return new Resource(location);
  }

  /** Turns a path or `file:` URL into an absolute path. */
  static toPath(location: string): string {
    const loc = String(location);
    if (loc.startsWith('file:')) return path.resolve(fileURLToPath(loc));
    return path.resolve(loc);
  }

  /**
   * The resource at `sub` beneath this one (Jetty's `addPath`): `.` and `..` segments are resolved first,
   * and a path that would climb above this resource is refused, as Jetty refuses it.
   */
  @Expose('String')
  addPath(sub: string): Resource {
    if (sub === null || sub === undefined) throw new TypeError('Cannot add a path to a resource: the path is null');
    const canonical = canonicalUri(sub.startsWith('/') ? sub : `/${sub}`);
    if (canonical === null) throw new RangeError(`Cannot add the path '${sub}' to ${this._path}: it climbs above the resource`);
    return new Resource(path.join(this._path, canonical));
  }

  /** The absolute file-system path. */
  getFile(): string {
    return this._path;
  }
  @Expose()
  getName(): string {
    return this._path;
  }
  toString(): string {
    return this._path;
  }
}
