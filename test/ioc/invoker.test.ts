import { expect } from 'chai';
import { Executable, orderArgs, selectExecutable, sortExecutables } from '../../src/ioc/invoker';
import { ParamSpec, TypeRef } from '../../src/ioc/metadata';
import { ClassRegistry } from '../../src/ioc/class-registry';
import { val, BoxedName, makeJavaArray } from '../../src/ioc/java-value';
import '../fixtures/ioc/beans';

const exec = (label: string, types: TypeRef[], varargs = false, names: string[] = []): Executable => ({
  name: label,
  varargs,
  params: types.map((type, i): ParamSpec => (names[i] ? { name: names[i], type } : { type })),
  invoke: () => label,
});

const registry = ClassRegistry.withDeclaredClasses();
const pick = (execs: Executable[], ...args: { value: unknown; jtype?: BoxedName; name?: string }[]): string | undefined =>
  selectExecutable(
    execs,
    args.map((a) => ({ v: val(a.value, a.jtype), name: a.name })),
    registry,
  )?.exec.name;

describe('overload resolution (Jetty 9.4.27+ EXECUTABLE_COMPARATOR)', () => {
  const calls = [
    exec('call(String,String...)', ['String', 'String[]'], true),
    exec('call(String[])', ['String[]']),
    exec('call(Object)', ['Object']),
    exec('call(String)', ['String']),
    exec('call(int)', ['int']),
    exec('call()', []),
    exec('call(Integer)', ['Integer']),
  ];

  it('sorts by count, non-varargs first, derived first, primitive first, then by name', () => {
    expect(sortExecutables(calls, registry).map((e) => e.name)).to.deep.equal([
      'call()',
      'call(int)',
      'call(Integer)',
      'call(String)',
      'call(String[])',
      'call(Object)',
      'call(String,String...)',
    ]);
  });

  it('sends a Long to call(Object) when only Integer, String and Object exist (testOverloadedCall)', () => {
    const three = [exec('call(Object)', ['Object']), exec('call(String)', ['String']), exec('call(Integer)', ['Integer'])];
    expect(pick(three, { value: 3, jtype: 'Long' })).to.equal('call(Object)');
    expect(pick(three, { value: 3, jtype: 'Integer' })).to.equal('call(Integer)');
    expect(pick(three, { value: '3' })).to.equal('call(String)');
  });

  it('unboxes and widens Integer for int, long and double parameters, never narrows', () => {
    expect(pick([exec('m(long)', ['long'])], { value: 1, jtype: 'Integer' })).to.equal('m(long)');
    expect(pick([exec('m(double)', ['double'])], { value: 1, jtype: 'Integer' })).to.equal('m(double)');
    expect(pick([exec('m(int)', ['int'])], { value: 1, jtype: 'Long' })).to.equal(undefined);
    expect(pick([exec('m(int)', ['int'])], { value: null })).to.equal(undefined);
    expect(pick([exec('m(Integer)', ['Integer'])], { value: null })).to.equal('m(Integer)');
  });

  it('passes an empty varargs array when the last argument is omitted', () => {
    expect(pick([exec('call(String,String...)', ['String', 'String[]'], true)], { value: 'a' })).to.equal('call(String,String...)');
  });

  it('does not gather loose arguments into varargs', () => {
    expect(pick([exec('call(String,String...)', ['String', 'String[]'], true)], { value: 'a' }, { value: 'b' }, { value: 'c' })).to.equal(undefined);
  });

  it('matches an array argument by its element type', () => {
    expect(pick(calls, { value: makeJavaArray('String', ['x']) })).to.equal('call(String[])');
    expect(pick([exec('m(int[])', ['int[]'])], { value: makeJavaArray('Object', [1]) })).to.equal(undefined);
  });

  it('matches Jetty class parameters by class, alias and implemented interface', () => {
    const SubBean = registry.resolve('org.example.pier.SubBean') as new () => object;
    expect(pick([exec('m(Named)', ['org.example.pier.Named'])], { value: new SubBean() })).to.equal('m(Named)');
    expect(pick([exec('m(Bean)', ['org.example.pier.Bean'])], { value: new SubBean() })).to.equal('m(Bean)');
    expect(pick([exec('m(Bean)', ['org.example.pier.Bean'])], { value: new Map() })).to.equal(undefined);
  });
});

describe('named arguments', () => {
  const params: ParamSpec[] = [
    { name: 'first', type: 'String' },
    { name: 'second', type: 'String' },
    { name: 'third', type: 'String' },
  ];
  const a = (v: string, name?: string) => ({ v: val(v), name });

  it('moves named arguments to their parameter positions, keeping unnamed ones in order', () => {
    expect(orderArgs(params, [a('3', 'third'), a('2'), a('1', 'first')])?.map((x) => x.v.value)).to.deep.equal(['1', '2', '3']);
  });

  it('rejects unknown and duplicate names', () => {
    expect(orderArgs(params, [a('1', 'fourth')])).to.equal(undefined);
    expect(orderArgs(params, [a('1', 'first'), a('2', 'first')])).to.equal(undefined);
  });

  it('skips a candidate without parameter names', () => {
    expect(pick([exec('m(String)', ['String'])], { value: 'x', name: 'first' })).to.equal(undefined);
  });
});
