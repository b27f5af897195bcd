/**
 * A user's `npm install` carries only what Pier needs: the bench's peers live in bench/package.json, and the root
 * lock file holds none of them.
 * @module
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';

describe("Pier's install", () => {
  const root = repoRoot();
  const json = (rel: string) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));

  it("declares none of the bench's peers, and its lock file installs none of them", () => {
    const pkg = json('package.json');
    const bench = json('bench/package.json');
    const peers = Object.keys(bench.dependencies).filter((name) => name !== 'pg'); // pg is also the JDBC store's client
    expect(peers).to.include.members(['autocannon', 'express', 'fastify']);
    const declared = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(
      declared.filter((d) => peers.includes(d)),
      'peers in package.json',
    ).to.deep.equal([]);
    const locked = Object.keys(json('package-lock.json').packages).map((p) => p.replace(/^.*node_modules\//, ''));
    expect(
      locked.filter((d) => peers.includes(d)),
      'peers in package-lock.json',
    ).to.deep.equal([]);
  });

  it('locks the bench peers in their own lock file, which npm ci installs into bench/node_modules', () => {
    const lock = json('bench/package-lock.json');
    expect(lock.packages[''].dependencies).to.deep.equal(json('bench/package.json').dependencies);
    expect(Object.keys(lock.packages)).to.include.members(['node_modules/autocannon', 'node_modules/express', 'node_modules/fastify']);
  });
});
