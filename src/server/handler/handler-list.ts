/**
 * A handler collection that stops at the first handler that handles the request
 * (org.eclipse.jetty.server.handler.HandlerList).
 * @module
 */
import { JettyClass } from '../../ioc/metadata';
import type { Request } from '../request';
import { HandlerCollection } from './handler-collection';

/** Jetty's HandlerList: `<New class="org.eclipse.jetty.server.handler.HandlerList">`, `<Set name="handlers">`. */
@JettyClass('org.eclipse.jetty.server.handler.HandlerList', {
  ctors: [[], [{ name: 'handlers', type: 'org.eclipse.jetty.server.Handler[]' }]],
})
export class HandlerList extends HandlerCollection {
  /** The next handler is called only while the request is not handled (HandlerCollection's loop, stopped here). */
  protected override stopsAt(baseRequest: Request): boolean {
    return baseRequest.isHandled();
  }
}
