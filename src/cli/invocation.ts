/**
 * How a person starts this build again from where they are, for the commands the tool prints:
 * `sentinel-init` when that name on their PATH is this build, `npx sentinel-init` when it runs from
 * an installed package, else `node <path>/dist/cli.js`. Found only when a command is printed: a
 * walk of PATH with realpath, no process spawned.
 */
import { realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative, sep } from 'node:path';

export interface InvocationFacts {
  /** The PATH variable. */
  path?: string;
  /** The running script (process.argv[1]): dist/cli.js, or a link to it. */
  script?: string;
  cwd: string;
  /** The file a path finally names, or undefined when there is none. */
  realpath(path: string): string | undefined;
}

const NAME = 'sentinel-init';

/** The words that start this build from `facts.cwd`. Pure: the file system comes in as `realpath`. */
export function chooseInvocation(facts: InvocationFacts): string[] {
  const self = facts.script ? facts.realpath(facts.script) : undefined;
  if (!self) return [NAME];
  for (const dir of (facts.path ?? '').split(delimiter)) {
    // npm puts node_modules/.bin on PATH for its scripts and npx: not there once the person types.
    if (!dir || !isAbsolute(dir) || dir.endsWith(`node_modules${sep}.bin`)) continue;
    const hit = facts.realpath(join(dir, NAME));
    // The shell runs the first one it finds: only that one counts.
    if (hit) {
      if (hit === self) return [NAME];
      break;
    }
  }
  if (self.includes(`${sep}node_modules${sep}`)) return ['npx', NAME];
  const near = relative(facts.cwd, self);
  return ['node', near.length < self.length ? near : self];
}

/** The facts of this process. */
export function processFacts(): InvocationFacts {
  return {
    path: process.env.PATH,
    script: process.argv[1],
    cwd: process.cwd(),
    realpath(path) {
      try {
        return realpathSync(path);
      } catch {
        return undefined;
      }
    },
  };
}
