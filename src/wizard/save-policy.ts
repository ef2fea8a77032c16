/** Saves the IAM policies the wizard shows, next to the person, never overwriting a file. */
import { join } from 'node:path';
import { POLICY_AUDIENCES, type PolicyAudience } from '../core/policy-audience.js';
import { writeFilesAtomic, type FileToWrite } from '../iac/write-file.js';

/** `sentinel-<name>-policy.json` in `dir`, or its n-th choice `-2`, `-3`, ... when that name is taken. */
const policyFile = (name: string, text: string, dir: string): FileToWrite => ({
  path: (n) => join(dir, `sentinel-${name}-policy${n === 1 ? '' : `-${n}`}.json`),
  text: text.endsWith('\n') ? text : `${text}\n`,
});

/**
 * Writes `sentinel-<name>-policy.json` in `dir` (or `-2`, `-3`, ...), whole or not at all (the tool's
 * one file writer: a full disk leaves no empty file). Returns the path.
 */
export async function savePolicyFile(name: string, json: string, dir: string = process.cwd()): Promise<string> {
  const [path] = await writeFilesAtomic([policyFile(name, json, dir)]);
  return path as string;
}

/**
 * Each policy to its own file, named by who gets it: `sentinel-<kind>-provisioning-policy.json` and
 * `sentinel-<kind>-runtime-policy.json` (each attached alone, so never one file with both); one save,
 * both files or neither.
 */
export async function savePolicyFiles(kind: string, texts: Record<PolicyAudience, string>, dir: string = process.cwd()): Promise<Record<PolicyAudience, string>> {
  const paths = await writeFilesAtomic(POLICY_AUDIENCES.map((audience) => policyFile(`${kind}-${audience}`, texts[audience], dir)));
  return Object.fromEntries(POLICY_AUDIENCES.map((audience, i) => [audience, paths[i] as string])) as Record<PolicyAudience, string>;
}
