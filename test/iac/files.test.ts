// Writing the code to disk: --output-file (atomic, no overwrite without --force, no symlink followed) and the wizard's save.
import { lstat, mkdir, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { saveIacFile, writeFileAtomic } from '../../src/iac/index.js';
import { tempDirs } from '../helpers/temp-dirs.js';

const tempDir = tempDirs('iac-files-');

describe('writeFileAtomic (--output-file)', () => {
  it('writes a new file, and leaves no temporary file behind', async () => {
    const dir = await tempDir();
    await writeFileAtomic(join(dir, 'main.tf'), 'code\n');
    expect(await readFile(join(dir, 'main.tf'), 'utf8')).toBe('code\n');
    expect(await readdir(dir)).toEqual(['main.tf']);
  });

  it('refuses an existing file without --force (exit 2), keeps it, and replaces it with --force', async () => {
    const dir = await tempDir();
    const path = join(dir, 'main.tf');
    await writeFile(path, 'mine');
    const refused = writeFileAtomic(path, 'code\n');
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(`${path} already exists.`);
    expect(await readFile(path, 'utf8')).toBe('mine');
    await writeFileAtomic(path, 'code\n', true);
    expect(await readFile(path, 'utf8')).toBe('code\n');
    expect(await readdir(dir)).toEqual(['main.tf']);
  });

  it('never writes through a symlink: refused without --force (even dangling), replaced itself with --force', async () => {
    const dir = await tempDir();
    const target = join(dir, 'target.txt');
    await writeFile(target, 'keep');
    const link = join(dir, 'link.tf');
    await symlink(target, link);
    await expect(writeFileAtomic(link, 'code\n')).rejects.toThrow('already exists');
    const dangling = join(dir, 'dangling.tf');
    await symlink(join(dir, 'nowhere'), dangling);
    await expect(writeFileAtomic(dangling, 'code\n')).rejects.toThrow('already exists');
    expect(await readlink(dangling)).toBe(join(dir, 'nowhere'));

    await writeFileAtomic(link, 'code\n', true);
    expect((await lstat(link)).isSymbolicLink()).toBe(false);
    expect(await readFile(link, 'utf8')).toBe('code\n');
    expect(await readFile(target, 'utf8')).toBe('keep');
  });

  it('says what is wrong with the place: no such directory, a directory', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'main.tf'), 'x')).rejects.toThrow(`The directory of ${join(dir, 'missing', 'main.tf')} does not exist.`);
    await mkdir(join(dir, 'sub'));
    await expect(writeFileAtomic(join(dir, 'sub'), 'x', true)).rejects.toThrow(`${join(dir, 'sub')} is a directory.`);
    expect((await readdir(dir)).sort()).toEqual(['sub']);
  });
});

describe('saveIacFile (the wizard)', () => {
  it('writes sentinel-<kind>.tf / .cfn.yaml next to the person, adding -2 rather than overwriting or following a symlink', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'sentinel-sessions.tf'), 'mine');
    await symlink(join(dir, 'elsewhere'), join(dir, 'sentinel-sessions-2.tf'));
    const path = await saveIacFile('terraform', ['sessions'], 'code', dir);
    expect(basename(path)).toBe('sentinel-sessions-3.tf');
    expect(await readFile(path, 'utf8')).toBe('code\n');
    expect(await readFile(join(dir, 'sentinel-sessions.tf'), 'utf8')).toBe('mine');
    await expect(lstat(join(dir, 'elsewhere'))).rejects.toThrow();
    expect(basename(await saveIacFile('cloudformation', ['ratelimit'], 'x\n', dir))).toBe('sentinel-ratelimit.cfn.yaml');
    expect(basename(await saveIacFile('cloudformation-import', ['ratelimit'], 'x\n', dir))).toBe('sentinel-ratelimit-import.cfn.yaml');
    expect(basename(await saveIacFile('terraform', ['sessions', 'approvals'], 'x\n', dir))).toBe('sentinel-tables.tf');
  });
});
