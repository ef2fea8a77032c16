// Which words the printed commands start with: the one that runs this build from where the person is.
import { describe, expect, it } from 'vitest';
import { chooseInvocation, type InvocationFacts } from '../../src/cli/invocation.js';

/** A file system of links: each path names what realpath gives for it. */
function facts(links: Record<string, string>, rest: Partial<InvocationFacts>): InvocationFacts {
  return { cwd: '/home/me', realpath: (p) => links[p], ...rest };
}

describe('chooseInvocation', () => {
  it('sentinel-init when the first sentinel-init on PATH is this build (npm i -g links it)', () => {
    const links = { '/usr/lib/node_modules/sentinel-init/dist/cli.js': '/usr/lib/node_modules/sentinel-init/dist/cli.js', '/usr/bin/sentinel-init': '/usr/lib/node_modules/sentinel-init/dist/cli.js' };
    expect(chooseInvocation(facts(links, { path: '/home/me/bin:/usr/bin', script: '/usr/bin/sentinel-init' }))).toEqual(['sentinel-init']);
  });

  it('not sentinel-init when the first one on PATH is another build: node and this build, relative to the working directory', () => {
    const links = {
      '/home/me/src/sentinel-init/dist/cli.js': '/home/me/src/sentinel-init/dist/cli.js',
      '/usr/bin/sentinel-init': '/usr/lib/node_modules/sentinel-init/dist/cli.js',
      '/opt/bin/sentinel-init': '/home/me/src/sentinel-init/dist/cli.js',
    };
    expect(chooseInvocation(facts(links, { cwd: '/home/me/src/sentinel-init', path: '/usr/bin:/opt/bin', script: '/home/me/src/sentinel-init/dist/cli.js' }))).toEqual(['node', 'dist/cli.js']);
  });

  it('after npm start (no sentinel-init on PATH): node dist/cli.js, absolute when that is shorter than the way there', () => {
    const self = '/work/x/dist/cli.js';
    const links = { [self]: self };
    expect(chooseInvocation(facts(links, { cwd: '/work/x', path: '/usr/bin:/bin', script: self }))).toEqual(['node', 'dist/cli.js']);
    expect(chooseInvocation(facts(links, { cwd: '/home/me/deep/er', path: '/usr/bin', script: self }))).toEqual(['node', self]);
  });

  it('npx sentinel-init when it runs from an installed package, even though npx put its .bin on PATH', () => {
    const self = '/home/me/.npm/_npx/ab12/node_modules/sentinel-init/dist/cli.js';
    const bin = '/home/me/.npm/_npx/ab12/node_modules/.bin';
    const links = { [self]: self, [`${bin}/sentinel-init`]: self, [`${bin}/../sentinel-init/dist/cli.js`]: self };
    expect(chooseInvocation(facts(links, { path: `${bin}:/usr/bin`, script: `${bin}/sentinel-init` }))).toEqual(['npx', 'sentinel-init']);
  });

  it('a relative or empty PATH entry is not where the person will be: skipped', () => {
    const self = '/p/dist/cli.js';
    const links = { [self]: self, 'bin/sentinel-init': self };
    expect(chooseInvocation(facts(links, { cwd: '/p', path: ':bin', script: self }))).toEqual(['node', 'dist/cli.js']);
  });
});
