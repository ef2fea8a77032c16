/** Saves the IAM policy the wizard shows, next to the person, never overwriting a file. */
import { join } from 'node:path';
import { writeFilesAtomic } from '../iac/write-file.js';

/**
 * Writes `sentinel-<kind>-policy.json` in `dir`, or `-2`, `-3`, ... when that name is taken, whole
 * or not at all (the tool's one file writer: a full disk leaves no empty file). Returns the path.
 */
export async function savePolicyFile(kind: string, json: string, dir: string = process.cwd()): Promise<string> {
  const [path] = await writeFilesAtomic([{ path: (n) => join(dir, `sentinel-${kind}-policy${n === 1 ? '' : `-${n}`}.json`), text: json.endsWith('\n') ? json : `${json}\n` }]);
  return path as string;
}
