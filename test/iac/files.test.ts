// Writing the code to disk: --output-file (atomic, no overwrite without --force, no symlink followed) and the wizard's save.
import { execFileSync, spawn } from 'node:child_process';
import type { PathLike } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { saveIacFile, saveIacFiles, writeFileAtomic } from '../../src/iac/index.js';
import { savePolicyFile } from '../../src/wizard/save-policy.js';
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

  it('a directory given as the file (adir/, or adir) is said to be one, not "exists, pass --force"', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'adir'));
    await expect(writeFileAtomic(join(dir, 'adir'), 'x')).rejects.toThrow(`${join(dir, 'adir')} is a directory.`);
    for (const path of [`${join(dir, 'adir')}/`, `${join(dir, 'new')}/`]) {
      await expect(writeFileAtomic(path, 'x', true)).rejects.toThrow(`${path} names a directory (it ends with /), not a file.`);
    }
    expect(await readdir(dir)).toEqual(['adir']);
    expect(await readdir(join(dir, 'adir'))).toEqual([]);
  });

  it('a directory that takes no new files (/proc) is not called missing', async () => {
    await expect(writeFileAtomic('/proc/x.tf', 'x')).rejects.toThrow('Cannot create /proc/x.tf: the file system of /proc does not take new files (ENOENT).');
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

describe('the one file writer: whole files or none, on every exit path', () => {
  it('a valid 240-character name is written (the temporary name fits the 255-byte limit too)', async () => {
    const dir = await tempDir();
    const name = `${'a'.repeat(237)}.tf`;
    await writeFileAtomic(join(dir, name), 'code\n');
    expect(await readdir(dir)).toEqual([name]);
  });

  it('a save of several files is all or none: the second failing removes the first', async () => {
    const dir = await tempDir();
    // The second link (the import file) fails after the template is in place.
    const fail = async (): Promise<never> => {
      throw Object.assign(new Error('EIO: i/o error, link'), { code: 'EIO' });
    };
    let links = 0;
    const fs = { ...(await import('node:fs/promises')) };
    const flaky = { ...fs, link: (a: PathLike, b: PathLike) => (++links === 2 ? fail() : fs.link(a, b)) };
    await expect(saveIacFiles([{ format: 'cloudformation', text: 'template' }, { format: 'cloudformation-import', text: 'import' }], ['sessions'], dir, flaky)).rejects.toThrow('EIO');
    expect(links).toBe(2);
    expect(await readdir(dir)).toEqual([]);
  });

  it('SIGTERM while a write is under way: the temporary file is removed as the process exits', async () => {
    const dir = await tempDir();
    const script = join(dir, 'writer.mjs');
    // The real writer, bundled; its link() never answers, so the run is stopped mid-write.
    await build({
      stdin: {
        contents: `import { writeFileAtomic } from './src/iac/write-file.ts';
import * as fs from 'node:fs/promises';
process.on('SIGTERM', () => process.exit(143));
setInterval(() => {}, 1000);
const hang = { ...fs, link: () => { process.stdout.write('LINKING\\n'); return new Promise(() => {}); } };
await writeFileAtomic(process.argv[2], 'code\\n', false, hang);`,
        resolveDir: join(import.meta.dirname, '../..'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
    const out = join(dir, 'out');
    await mkdir(out);
    const child = spawn(process.execPath, [script, join(out, 'main.tf')], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.on('data', (c: Buffer) => c.toString().includes('LINKING') && resolve()));
    expect((await readdir(out)).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGTERM');
    expect(await closed).toBe(143);
    expect(await readdir(out)).toEqual([]);
  });
});

describe('a full disk (a 64 KiB tmpfs): the wizard\'s saves leave nothing behind', () => {
  let disk = '';
  beforeAll(async () => {
    disk = await mkdtemp(join(tmpdir(), 'full-disk-'));
    // Root in the test machine: a real small file system, not a mocked write.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]);
  });
  afterAll(async () => {
    if (disk) execFileSync('umount', [disk]);
    await rm(disk, { recursive: true, force: true });
  });
  const big = 'x'.repeat(200 * 1024);

  it('t (Terraform) fails with ENOSPC and leaves no truncated .tf', async () => {
    await expect(saveIacFile('terraform', ['sessions'], big, disk)).rejects.toThrow(/ENOSPC/);
    expect(await readdir(disk)).toEqual([]);
  });

  it('s (policy) leaves no empty JSON, and the retry takes the first name, not -2', async () => {
    await expect(savePolicyFile('sessions', big, disk)).rejects.toThrow(/ENOSPC/);
    expect(await readdir(disk)).toEqual([]);
    expect(basename(await savePolicyFile('sessions', '{}', disk))).toBe('sentinel-sessions-policy.json');
    await rm(join(disk, 'sentinel-sessions-policy.json'));
  });

  it('c (template + import file) is one save: the import file not fitting leaves neither', async () => {
    await expect(saveIacFiles([{ format: 'cloudformation', text: 'template' }, { format: 'cloudformation-import', text: big }], ['sessions'], disk)).rejects.toThrow(/ENOSPC/);
    expect(await readdir(disk)).toEqual([]);
  });
});
