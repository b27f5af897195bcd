/**
 * The errors the web-app layer throws: descriptor errors (with the file:line:column of the element)
 * and class-loading errors (with the file the class was looked for in).
 * @module
 */
import { PierError, SourceLocation, formatLocation } from '../util/errors';

/** A `web.xml` (or webdefault/override descriptor) that cannot be read or applied. */
export class DescriptorError extends PierError {
  constructor(message: string, readonly location: SourceLocation | undefined, options?: { cause?: unknown }) {
    super(location ? `${formatLocation(location)}: ${message}` : message, options);
  }
}

/** A class named by a descriptor (`<servlet-class>`, `<filter-class>`, `<listener-class>`) that cannot be loaded. */
export class WebAppClassNotFoundError extends PierError {
  constructor(message: string, readonly className: string, readonly searched: readonly string[], options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A web app that cannot be configured or started (bad war path, unsupported archive, ...). */
export class WebAppError extends PierError {}
