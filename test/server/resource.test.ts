import { expect } from 'chai';
import * as path from 'node:path';
import { Resource } from '../../src/server/resource';
import { thrown } from '../support/xml-config';

describe('Resource', () => {
  it('addPath gives the resource beneath, with . and .. resolved inside it', () => {
    const root = Resource.newResource('/srv/site');
    expect(root.addPath('/static/').getFile()).to.equal(path.join('/srv/site', 'static'));
    expect(root.addPath('a/./b/../c.txt').getFile()).to.equal(path.join('/srv/site', 'a', 'c.txt'));
  });

  it('addPath refuses a path that climbs above the resource, as Jetty refuses it', () => {
    expect(thrown(() => Resource.newResource('/srv/site').addPath('../etc/passwd')).message).to.equal(
      "Cannot add the path '../etc/passwd' to /srv/site: it climbs above the resource",
    );
  });
});
