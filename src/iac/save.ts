/** Saves the code next to the person (the wizard's `t` and `c`), never overwriting a file. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KindName } from '../core/kinds.js';
import type { IacOutput } from '../core/iac-output.js';

const ENDINGS: Record<IacOutput, string> = {
  terraform: '.tf',
  cloudformation: '.cfn.yaml',
  'cloudformation-import': '-import.cfn.yaml',
};

/**
 * Writes `sentinel-<kind>.tf`, `sentinel-<kind>.cfn.yaml` or `sentinel-<kind>-import.cfn.yaml`
 * (`sentinel-tables…` for several kinds) in `dir`, or `-2`, `-3`, … before the ending when that name
 * is taken (opened with O_EXCL, so a file or symlink appearing meanwhile is not clobbered). Returns the path.
 */
export async function saveIacFile(format: IacOutput, kinds: readonly KindName[], text: string, dir: string = process.cwd()): Promise<string> {
  const stem = kinds.length === 1 ? `sentinel-${kinds[0]}` : 'sentinel-tables';
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, `${stem}${n === 1 ? '' : `-${n}`}${ENDINGS[format]}`);
    try {
      await writeFile(path, text.endsWith('\n') ? text : `${text}\n`, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Too many ${stem}${ENDINGS[format]} files in ${dir}: remove some and save again.`);
}
