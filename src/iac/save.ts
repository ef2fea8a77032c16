/** Saves the code next to the person (the wizard's `t` and `c`), never overwriting a file. */
import { join } from 'node:path';
import type { KindName } from '../core/kinds.js';
import type { IacOutput } from '../core/iac-output.js';
import { writeFilesAtomic, type WriteFs } from './write-file.js';

const ENDINGS: Record<IacOutput, string> = {
  terraform: '.tf',
  cloudformation: '.cfn.yaml',
  'cloudformation-import': '-import.cfn.yaml',
};

/** One file of a save: its format names it, `text` is its content. */
export interface CodeFile {
  format: IacOutput;
  text: string;
}

/**
 * Writes `sentinel-<kind>.tf`, `sentinel-<kind>.cfn.yaml` or `sentinel-<kind>-import.cfn.yaml`
 * (`sentinel-tables…` for several kinds) in `dir`, or `-2`, `-3`, … before the ending when that name
 * is taken; all the files or none (the template and its import file are one save). Returns the paths.
 */
export async function saveIacFiles(files: readonly CodeFile[], kinds: readonly KindName[], dir: string = process.cwd(), fs?: WriteFs): Promise<string[]> {
  const stem = kinds.length === 1 ? `sentinel-${kinds[0]}` : 'sentinel-tables';
  return writeFilesAtomic(
    files.map(({ format, text }) => ({
      path: (n: number) => join(dir, `${stem}${n === 1 ? '' : `-${n}`}${ENDINGS[format]}`),
      text: text.endsWith('\n') ? text : `${text}\n`,
    })),
    { fs },
  );
}

/** One file: saveIacFiles with a single entry. Returns its path. */
export async function saveIacFile(format: IacOutput, kinds: readonly KindName[], text: string, dir: string = process.cwd()): Promise<string> {
  const [path] = await saveIacFiles([{ format, text }], kinds, dir);
  return path as string;
}
