/**
 * Optional backends: classes whose module imports an npm client package that Pier does not depend on
 * (a JDBC, memcached or Redis session store). Such a module is loaded only when XML names one of its
 * classes, so a server that does not use it never needs its package; when the package is missing, the
 * XML that names the class fails saying which package to install.
 * @module
 */
import { PierError } from '../util/errors';

/** A module of classes that needs client packages, declared in its area's `classes.ts`. */
export interface OptionalBackend {
  /** What it is, for messages: `the Redis session store`. */
  readonly title: string;
  /** The Jetty class names the module declares with @JettyClass (what XML may name). */
  readonly classes: readonly string[];
  /** The npm packages the module imports, as `npm install` takes them. */
  readonly packages: readonly string[];
  /** Requires the module; its decorators declare the classes. */
  readonly load: () => unknown;
}

/** An optional backend that cannot be loaded: its client package is missing, or its module is broken. */
export class OptionalBackendError extends PierError {
  constructor(
    message: string,
    readonly className: string,
    readonly missingPackage: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const backends: OptionalBackend[] = [];

/** Declares an optional backend; nothing is loaded until XML names one of its classes. */
export function declareOptionalBackend(backend: OptionalBackend): void {
  backends.push(backend);
}

/** The optional backend that declares `className`, if any. */
export function optionalBackendOf(className: string): OptionalBackend | undefined {
  return backends.find((b) => b.classes.includes(className));
}

/** True when `err` is Node's failure to find `pkg` (or a file inside it). */
function isMissing(err: unknown, pkg: string): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return (
    e?.code === 'MODULE_NOT_FOUND' &&
    typeof e.message === 'string' &&
    (e.message.startsWith(`Cannot find module '${pkg}'`) || e.message.startsWith(`Cannot find module '${pkg}/`))
  );
}

/**
 * Requires `pkg`, an npm client package that an optional backend needs only for some configurations
 * (a JDBC store needs `pg` for PostgreSQL but not for SQLite). When it is not installed, throws
 * OptionalBackendError whose one line says what could not be done and which package to install.
 */
export function requireClientPackage<T>(pkg: string, title: string, action: string, className = ''): T {
  try {
    return require(pkg) as T;
  } catch (err) {
    if (!isMissing(err, pkg)) throw err;
    throw new OptionalBackendError(
      `Cannot ${action}: ${title} needs the npm package '${pkg}', which is not installed (run npm install ${pkg})`,
      className,
      pkg,
      { cause: err },
    );
  }
}

/** True when `pkg` can be required from Pier (it is installed), without loading it. */
export function isClientPackageInstalled(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads the backend that declares `className`, because XML names that class. Throws OptionalBackendError
 * naming the package to install when a client package is missing, or the cause when the module fails.
 */
export function loadOptionalBackend(backend: OptionalBackend, className: string): void {
  try {
    backend.load();
  } catch (err) {
    const pkg = backend.packages.find((p) => isMissing(err, p));
    if (pkg !== undefined) {
      throw new OptionalBackendError(
        `Cannot load class '${className}': ${backend.title} needs the npm package '${pkg}', which is not installed (run npm install ${pkg})`,
        className,
        pkg,
        { cause: err },
      );
    }
    const reason = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : String(err);
    throw new OptionalBackendError(`Cannot load class '${className}': ${backend.title} failed to load: ${reason}`, className, undefined, {
      cause: err,
    });
  }
}
