/**
 * `sentinel-init completion bash|zsh|fish`: the scripts complete kinds, commands, flags and the
 * values of --aws-profile (asked of `sentinel-init __complete profiles` at Tab time), --region and
 * --output. Bash is driven for real; zsh and fish are checked by their own parsers (and fish's
 * `complete -C` answers) where installed, and by the script's text everywhere.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseEnv, ensureBuilt, runCli } from './run-cli.js';

ensureBuilt();
const home = mkdtempSync(join(tmpdir(), 'completion-'));
writeFileSync(join(home, 'config'), '[default]\nregion = eu-west-1\n[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/ops\nsource_profile = default\n[profile $(touch pwned)]\nregion = eu-west-1\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\n');
writeFileSync(join(home, 'credentials'), '[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n[ci]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n');
const env = { HOME: home, AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };

async function script(shell: string): Promise<string> {
  const run = await runCli(['completion', shell], { env });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  const file = join(home, `completion.${shell}`);
  writeFileSync(file, run.stdout);
  return file;
}

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

/** What bash's completion offers for the words typed so far (the last one being completed). */
function bashComplete(file: string, words: string[]): string[] {
  const program = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _sentinel_init; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['--norc', '-c', program], { env: baseEnv(env), cwd: home }).toString();
  return out.split('\n').filter((l) => l !== '');
}

describe('bash', () => {
  it('binds to sentinel-init and completes kinds, commands, flags and their values', async () => {
    const file = await script('bash');
    const bound = execFileSync('bash', ['--norc', '-c', `source ${JSON.stringify(file)}; complete -p sentinel-init`]).toString();
    expect(bound.trim()).toBe('complete -F _sentinel_init sentinel-init');
    expect(bashComplete(file, ['sentinel-init', ''])).toEqual(['sessions', 'approvals', 'breakglass', 'ratelimit', 'all', 'verify', 'doctor', 'help', 'completion']);
    expect(bashComplete(file, ['sentinel-init', 'ver'])).toEqual(['verify']);
    expect(bashComplete(file, ['sentinel-init', 'verify', 'b'])).toEqual(['breakglass']);
    expect(bashComplete(file, ['sentinel-init', 'sessions', '--reg'])).toEqual(['--region']);
    expect(bashComplete(file, ['sentinel-init', '--no-'])).toEqual(['--no-deletion-protection', '--no-pitr', '--no-input']);
    expect(bashComplete(file, ['sentinel-init', '--region', 'eu-west-'])).toEqual(expect.arrayContaining(['eu-west-1', 'eu-west-2', 'eu-west-3']));
    expect(bashComplete(file, ['sentinel-init', '--region', 'eu-west-']).every((r) => r.startsWith('eu-west-'))).toBe(true);
    expect(bashComplete(file, ['sentinel-init', '--region', '=', 'us-gov-w'])).toEqual(['us-gov-west-1']);
    expect(bashComplete(file, ['sentinel-init', '--output', ''])).toEqual(['terraform', 'cloudformation', 'cloudformation-import']);
    expect(bashComplete(file, ['sentinel-init', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete(file, ['sentinel-init', '--table', ''])).toEqual([]);
  });

  it('--aws-profile offers the profiles of both shared files, read when Tab is pressed; a name that is shell code is left out, never run', async () => {
    const file = await script('bash');
    expect(bashComplete(file, ['sentinel-init', '--aws-profile', '']).sort()).toEqual(['ci', 'default', 'ops']);
    expect(bashComplete(file, ['sentinel-init', '--profile', 'o'])).toEqual(['ops']);
    writeFileSync(join(home, 'credentials'), '[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n[later]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n');
    expect(bashComplete(file, ['sentinel-init', '--aws-profile', 'l'])).toEqual(['later']);
    expect(spawnSync('test', ['-e', join(home, 'pwned')]).status).not.toBe(0);
  });
});

describe('__complete profiles', () => {
  it('prints one name a line, and nothing (exit 0) when the files cannot be read', async () => {
    const run = await runCli(['__complete', 'profiles'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual(['default', 'later', 'ops']);
    const broken = await runCli(['__complete', 'profiles'], { env: { ...env, AWS_CONFIG_FILE: home } });
    expect(broken).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});

describe('zsh and fish', () => {
  it('zsh: defines and binds the function with the same words; parses with zsh -n where zsh is installed', async () => {
    const file = await script('zsh');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('#compdef sentinel-init\n')).toBe(true);
    expect(text).toContain('compdef _sentinel_init sentinel-init');
    expect(text).toMatch(/--region\) compadd -- [^;]*\beu-west-1\b/);
    expect(text).toContain('__complete profiles');
    expect(text).toMatch(/compadd -- sessions approvals breakglass ratelimit all verify doctor help completion/);
    if (!has('zsh')) return;
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    // Sourced after compinit, it registers the function for sentinel-init.
    const registered = execFileSync('zsh', ['-f', '-c', `autoload -U compinit; compinit -u -d ${home}/zcompdump; source ${file}; print -r -- \${_comps[sentinel-init]}`], { env: baseEnv(env) }).toString();
    expect(registered.trim()).toBe('_sentinel_init');
  });

  it('fish: one complete line per flag; where fish is installed, its own completion answers', async () => {
    const file = await script('fish');
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("complete -c sentinel-init -l aws-profile -x -a '(sentinel-init __complete profiles 2>/dev/null)'");
    expect(text).toMatch(/complete -c sentinel-init -l region -x -a '[^']*\beu-west-1\b/);
    expect(text).toContain('complete -c sentinel-init -s y');
    if (!has('fish')) return;
    expect(spawnSync('fish', ['-n', file]).status).toBe(0);
    const ask = (line: string) => execFileSync('fish', ['--no-config', '-c', `source ${file}; complete -C '${line}'`], { env: baseEnv(env) }).toString().split('\n').map((l) => l.split('\t')[0]).filter(Boolean);
    expect(ask('sentinel-init --regi')).toEqual(['--region']);
    expect(ask('sentinel-init --region us-gov-w')).toEqual(['us-gov-west-1']);
    expect(ask('sentinel-init --aws-profile l')).toEqual(['later']);
    expect(ask('sentinel-init ratel')).toEqual(['ratelimit']);
  });
});
