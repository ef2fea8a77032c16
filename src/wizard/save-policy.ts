/** Saves the IAM policies the wizard shows, next to the person, never overwriting a file. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { POLICY_AUDIENCES, type PolicyAudience } from '../core/policy-audience.js';

/**
 * Writes `sentinel-<name>-policy.json` in `dir`, or `-2`, `-3`, ... when that name is taken
 * (opened with O_EXCL, so a file appearing meanwhile is not clobbered either). Returns the path.
 */
export async function savePolicyFile(name: string, json: string, dir: string = process.cwd()): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, `sentinel-${name}-policy${n === 1 ? '' : `-${n}`}.json`);
    try {
      await writeFile(path, json.endsWith('\n') ? json : `${json}\n`, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Too many sentinel-${name}-policy files in ${dir}: remove some and save again.`);
}

/**
 * Each policy to its own file, named by who gets it: `sentinel-<kind>-provisioning-policy.json` and
 * `sentinel-<kind>-runtime-policy.json` (each attached alone, so never one file with both).
 */
export async function savePolicyFiles(kind: string, texts: Record<PolicyAudience, string>, dir: string = process.cwd()): Promise<Record<PolicyAudience, string>> {
  const paths = {} as Record<PolicyAudience, string>;
  for (const audience of POLICY_AUDIENCES) paths[audience] = await savePolicyFile(`${kind}-${audience}`, texts[audience], dir);
  return paths;
}
