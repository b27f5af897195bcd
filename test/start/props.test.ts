/**
 * Tests of start properties: assignment forms, case-insensitive keys and `${...}` expansion.
 * @module
 */
import { expect } from 'chai';
import { Props, parseAssignment } from '../../src/start/props';
import { UsageError } from '../../src/util/errors';

describe('Props', () => {
  it('splits an assignment at the first = without trimming', () => {
    expect(parseAssignment('spaced = x')).to.deep.equal({ key: 'spaced ', op: '=', value: ' x' });
    expect(parseAssignment('a=b=c')).to.deep.equal({ key: 'a', op: '=', value: 'b=c' });
    expect(parseAssignment('=x')).to.equal(undefined);
  });

  it('appends with += and drops the leading comma of a first list item', () => {
    const p = new Props();
    p.apply('list+=,one', 'a');
    p.apply('list+=,two', 'b');
    expect(p.getString('list')).to.equal('one,two');
    expect(p.get('list')?.origin).to.equal('b');
  });

  it('sets with ?= only when the property is not set yet', () => {
    const p = new Props();
    expect(p.apply('name?=first', 'a')).to.equal(true);
    expect(p.apply('name?=second', 'b')).to.equal(false);
    expect(p.getString('name')).to.equal('first');
  });

  it('compares keys case-insensitively and keeps the last spelling', () => {
    const p = new Props();
    p.apply('Jetty.Http.Port=1', 'a');
    p.apply('jetty.http.port=2', 'b');
    expect(p.getString('JETTY.HTTP.PORT')).to.equal('2');
    expect([...p].map((x) => x.key)).to.deep.equal(['jetty.http.port']);
  });

  it('expands references recursively, leaves unknown names and turns $$ into $', () => {
    const p = new Props();
    p.apply('a=/x', 'o');
    p.apply('b=${a}/y', 'o');
    expect(p.expand('${b}/z ${unknown} $$HOME')).to.equal('/x/y/z ${unknown} $HOME');
    expect(p.expand('${c}', (n) => (n === 'c' ? 'from-extra' : undefined))).to.equal('from-extra');
  });

  it('reports a reference loop as a UsageError naming the chain', () => {
    const p = new Props();
    p.apply('a=${b}', 'o');
    p.apply('b=${a}', 'o');
    expect(() => p.expand('${a}')).to.throw(UsageError, /Cannot expand property 'a': it refers to itself through a -> b -> a/);
  });
});
