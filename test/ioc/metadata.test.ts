import { expect } from 'chai';
import { Expose, JettyClass, getInstanceMembers, getClassSpec, jettyNamesOf } from '../../src/ioc/metadata';

@JettyClass('com.example.Base', { implements: ['com.example.Thing'] })
class Base {
  @Expose('int') setPort(_p: number): void {
    /* test */
  }
}

@JettyClass('com.example.Child', { aliases: ['com.example.OldChild'], ctors: [[], [{ name: 'port', type: 'int' }]] })
class Child extends Base {
  @Expose() setName(_n: string): void {
    /* test */
  }
  @Expose() static create(): Child {
    return new Child();
  }
}

describe('ioc/metadata', () => {
  it('@Expose records explicit parameter types', () => {
    const m = getInstanceMembers(Base).find((x) => x.name === 'setPort');
    expect(m).to.deep.include({ kind: 'method', isStatic: false });
    expect(m && m.kind === 'method' && m.params).to.deep.equal([{ type: 'int' }]);
  });
  it('@Expose reads design:paramtypes when no types are given', () => {
    const m = getInstanceMembers(Child).find((x) => x.name === 'setName');
    expect(m && m.kind === 'method' && m.params).to.deep.equal([{ type: 'String' }]);
  });
  it('members are listed own first, then inherited', () => {
    expect(getInstanceMembers(Child).map((m) => m.name)).to.deep.equal(['setName', 'setPort']);
  });
  it('@JettyClass names, aliases and interfaces are all names of the class', () => {
    expect([...jettyNamesOf(Child)]).to.have.members(['com.example.Child', 'com.example.OldChild', 'com.example.Base', 'com.example.Thing']);
    expect(getClassSpec(Child)?.ctors[1]).to.deep.equal([{ name: 'port', type: 'int' }]);
  });
});
