/**
 * A stand-in for Jetty's buffer pool (org.eclipse.jetty.io.ArrayByteBufferPool): Node manages its own
 * buffers, so the sizes are accepted and reported once as not applicable.
 * @module
 */
import { Expose, JettyClass } from '../../ioc/metadata';
import { reportNotApplicable } from '../not-applicable';

/** Jetty's ArrayByteBufferPool, as etc/jetty-bytebufferpool.xml creates it (six int/long arguments). */
@JettyClass('org.eclipse.jetty.io.ArrayByteBufferPool', {
  aliases: ['org.eclipse.jetty.io.MappedByteBufferPool', 'org.eclipse.jetty.io.LogarithmicArrayByteBufferPool'],
  implements: ['org.eclipse.jetty.io.ByteBufferPool'],
  ctors: [
    [],
    [
      { name: 'minCapacity', type: 'int' },
      { name: 'factor', type: 'int' },
      { name: 'maxCapacity', type: 'int' },
    ],
    [
      { name: 'minCapacity', type: 'int' },
      { name: 'factor', type: 'int' },
      { name: 'maxCapacity', type: 'int' },
      { name: 'maxQueueLength', type: 'int' },
    ],
    [
      { name: 'minCapacity', type: 'int' },
      { name: 'factor', type: 'int' },
      { name: 'maxCapacity', type: 'int' },
      { name: 'maxQueueLength', type: 'int' },
      { name: 'maxHeapMemory', type: 'long' },
      { name: 'maxDirectMemory', type: 'long' },
    ],
    // LogarithmicArrayByteBufferPool (etc/jetty-bytebufferpool-logarithmic.xml) has no factor.
    [
      { name: 'minCapacity', type: 'int' },
      { name: 'maxCapacity', type: 'int' },
      { name: 'maxQueueLength', type: 'int' },
      { name: 'maxHeapMemory', type: 'long' },
      { name: 'maxDirectMemory', type: 'long' },
    ],
  ],
})
export class ArrayByteBufferPool {
  private readonly _settings: number[];

  constructor(...args: number[]) {
    this._settings = args;
    if (args.length > 0) reportNotApplicable('ArrayByteBufferPool', 'capacities', args.join(','));
  }

  @Expose() getMaxHeapMemory(): number {
    return this._settings[4] ?? -1;
  }
  @Expose() getMaxDirectMemory(): number {
    return this._settings[5] ?? -1;
  }

  toString(): string {
    return `ArrayByteBufferPool{${this._settings.join(',')}} (not applicable: Node buffers)`;
  }
}
