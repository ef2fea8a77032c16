/** Saves the IAM policy the wizard shows, next to the person, never overwriting a file. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes `sentinel-<kind>-policy.json` in `dir`, or `-2`, `-3`, ... when that name is taken
 * (opened with O_EXCL, so a file appearing meanwhile is not clobbered either). Returns the path.
 */
export async function savePolicyFile(kind: string, json: string, dir: string = process.cwd()): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, `sentinel-${kind}-policy${n === 1 ? '' : `-${n}`}.json`);
    try {
      await writeFile(path, json.endsWith('\n') ? json : `${json}\n`, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Too many sentinel-${kind}-policy files in ${dir}: remove some and save again.`);
}
