/**
 * Every command the tool prints for a person to run, pasted into a shell as printed, goes where the
 * run went: the same endpoint (DynamoDB Local behind the fault proxy) with the same profile's keys.
 * The shell's environment is a person's: default keys in AWS_ACCESS_KEY_ID that differ from the
 * profile's, and a DynamoDB endpoint of its own (a trap: a command that dropped --endpoint-url lands
 * there instead of real AWS). `sentinel-init` on PATH is this build (a link, as `npm i -g` makes);
 * without it the commands start with `node dist/cli.js` and run as printed too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseInvocation, processFacts } from '../../src/cli/invocation.js';
import { setInvocation } from '../../src/core/shell.js';
import type { WizardState } from '../../src/wizard/steps.js';
import { transcript } from '../../src/wizard/transcript.js';
import { commandFor } from '../../src/wizard/view-model.js';
import { CLI, ensureBuilt, installedPath, lines, ROOT, runCli } from '../cli/run-cli.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { localBehindProxy } from '../helpers/local-stack.js';
import { tmuxTerminal } from '../helpers/tmux.js';
import { options } from '../wizard/fixtures.js';

const REGION = 'eu-west-1';
const DEV_KEY = 'AKIDDEVPROFILE';
const stack = localBehindProxy();
let trap: FaultProxy;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  ensureBuilt();
  trap = await startFaultProxy(stack.local.endpoint);
  home = mkdtempSync(join(tmpdir(), 'sentinel-printed-'));
  writeFileSync(join(home, 'config'), `[profile dev]\nregion = ${REGION}\n`);
  writeFileSync(join(home, 'credentials'), `[dev]\naws_access_key_id = ${DEV_KEY}\naws_secret_access_key = devsecret\n`);
  env = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ACCESS_KEY_ID: 'AKIDENVDEFAULT',
    AWS_SECRET_ACCESS_KEY: 'envsecret',
    AWS_ENDPOINT_URL_DYNAMODB: trap.endpoint,
  };
});
const term = tmuxTerminal('printed-commands');
afterAll(async () => {
  term.close();
  await trap?.stop();
});

/** Runs one printed line in bash, from the repo, as a person pastes it. */
function paste(command: string, path = installedPath()): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile('bash', ['-c', command], { cwd: ROOT, env: { PATH: path, AWS_EC2_METADATA_DISABLED: 'true', ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The requests each endpoint sees while `run` runs, with the access key of each. */
async function seen(run: () => Promise<unknown>): Promise<{ proxy: string[]; trap: string[] }> {
  const [p, t] = [stack.proxy.accessKeys().length, trap.accessKeys().length];
  await run();
  return { proxy: stack.proxy.accessKeys().slice(p), trap: trap.accessKeys().slice(t) };
}

const cli = (args: string[], path?: string) => runCli(args, { env: { ...env, ...(path && { PATH: path }) } });
const after = (text: string, marker: string) => text.slice(text.indexOf(marker) + marker.length).trim();
const ticked = (text: string) => /`([^`]+)`/.exec(text)?.[1] ?? '';

describe('printed commands, pasted as printed', () => {
  it('verify on a missing table with --endpoint-url and --aws-profile: "Create it first" creates it there, with the profile', async () => {
    const run = await cli(['verify', 'ratelimit', '--endpoint-url', stack.proxy.endpoint, '--aws-profile', 'dev', '--region', REGION]);
    expect(run.code).toBe(1);
    const command = after(lines(run.stderr).at(-1) ?? '', 'Create it first: ');
    expect(command).toBe(`sentinel-init ratelimit --aws-profile dev --endpoint-url ${stack.proxy.endpoint} --region ${REGION} --table sentinel-ratelimit --yes`);

    let pasted = { code: -1, stdout: '', stderr: '' };
    const calls = await seen(async () => (pasted = await paste(command)));
    expect(pasted.code, pasted.stderr).toBe(0);
    expect(pasted.stdout).toContain('Table sentinel-ratelimit (ratelimit) in eu-west-1: created.');
    expect(calls.trap).toEqual([]);
    expect(calls.proxy.length).toBeGreaterThan(0);
    expect(new Set(calls.proxy)).toEqual(new Set([DEV_KEY]));
  });

  it('after npm start (no sentinel-init on PATH) the command starts with node dist/cli.js and runs from there', async () => {
    const run = await cli(['verify', 'approvals', '--table', 'npm-start', '--endpoint-url', stack.proxy.endpoint, '--aws-profile', 'dev'], process.env.PATH);
    const command = after(lines(run.stderr).at(-1) ?? '', 'Create it first: ');
    expect(command).toBe(`node dist/cli.js approvals --aws-profile dev --endpoint-url ${stack.proxy.endpoint} --region ${REGION} --table npm-start --yes`);
    let pasted = { code: -1, stdout: '', stderr: '' };
    const calls = await seen(async () => (pasted = await paste(command, process.env.PATH)));
    expect(pasted.code, pasted.stderr).toBe(0);
    expect(calls.trap).toEqual([]);
    expect(new Set(calls.proxy)).toEqual(new Set([DEV_KEY]));
  });

  it('a verify that fails names the policy command (offline) and the --plan with the whole target; each runs where it should', async () => {
    expect((await cli(['breakglass', '--endpoint-url', stack.proxy.endpoint, '--aws-profile', 'dev', '--yes'])).code).toBe(0);
    stack.proxy.inject('PutItem', 'access-denied');
    const denied = await cli(['verify', 'breakglass', '--endpoint-url', stack.proxy.endpoint, '--aws-profile', 'dev']);
    expect(denied.code).toBe(1);
    const policy = ticked(lines(denied.stderr).at(-1) ?? '');
    expect(policy).toBe(`sentinel-init breakglass --generate-iam provisioning --region ${REGION} --table sentinel-breakglass`);
    let printed = { code: -1, stdout: '', stderr: '' };
    const offline = await seen(async () => (printed = await paste(policy)));
    expect(printed.code, printed.stderr).toBe(0);
    expect(JSON.parse(printed.stdout)).toHaveProperty('Statement');
    expect(offline).toEqual({ proxy: [], trap: [] });

    // The limiter's patterns on a table keyed for approvals fail: the hint is the --plan of that table.
    expect((await cli(['approvals', '--table', 'keyed-on-id', '--endpoint-url', stack.proxy.endpoint, '--aws-profile', 'dev', '--yes'])).code).toBe(0);
    const failed = await cli(['verify', 'ratelimit', '--table', 'keyed-on-id', '--endpoint-url', stack.proxy.endpoint, '--aws-profile', 'dev']);
    expect(failed.code).toBe(1);
    const plan = ticked(lines(failed.stderr).at(-1) ?? '');
    expect(plan).toBe(`sentinel-init ratelimit --aws-profile dev --endpoint-url ${stack.proxy.endpoint} --region ${REGION} --table keyed-on-id --plan`);
    const before = stack.proxy.count('DescribeTable');
    let planned = { code: -1, stdout: '', stderr: '' };
    const calls = await seen(async () => (planned = await paste(plan)));
    expect(planned.stderr + planned.stdout).toContain('keyed-on-id');
    expect(stack.proxy.count('DescribeTable')).toBeGreaterThan(before);
    expect(calls.trap).toEqual([]);
    expect(new Set(calls.proxy)).toEqual(new Set([DEV_KEY]));
  });

  it('after npm start, the wizard at 80 columns ends with a later-line that runs as printed: node dist/cli.js, the profile, the endpoint', async () => {
    const s = 'npm-start';
    // No sentinel-init on PATH, as after `npm start` in a checkout.
    term.launch(s, `ratelimit --aws-profile dev --region ${REGION} --table wizard-later --endpoint-url ${stack.proxy.endpoint}`, { ...env, PATH: process.env.PATH ?? '' }, { columns: 80 });
    await term.waitFor(s, 'Plan: create 1 table');
    term.key(s, 'Enter');
    await term.waitFor(s, 'IAM policies for this table');
    term.key(s, 'Enter');
    await term.waitFor(s, '[y/n]');
    term.typeText(s, 'n');
    // The screen joined as the terminal wrapped it: the line copies whole.
    const end = (await term.waitFor(s, /EXIT=\d+/)).split('\n');
    expect(end).toContain('EXIT=0');
    const command = (end[end.indexOf('To do it later, without questions:') + 1] ?? '').trim();
    expect(command).toBe(`node dist/cli.js ratelimit --aws-profile dev --endpoint-url ${stack.proxy.endpoint} --region ${REGION} --table wizard-later --yes`);
    let pasted = { code: -1, stdout: '', stderr: '' };
    const calls = await seen(async () => (pasted = await paste(command, process.env.PATH)));
    expect(pasted.code, pasted.stderr).toBe(0);
    expect(pasted.stdout).toContain('Table wizard-later (ratelimit) in eu-west-1: created.');
    expect(calls.trap).toEqual([]);
    expect(new Set(calls.proxy)).toEqual(new Set([DEV_KEY]));
  });

  it("the wizard's next-time line (its real builder) creates the table where the wizard did", async () => {
    // The invocation the CLI would find for a build run from ROOT with sentinel-init installed.
    setInvocation(() => chooseInvocation({ ...processFacts(), path: installedPath(), script: CLI, cwd: ROOT }));
    try {
      const opts = options({ kind: 'sessions', kindGiven: true, profile: 'dev', region: REGION, endpointUrl: stack.proxy.endpoint });
      const answers = { kind: 'sessions', profile: 'dev', region: REGION, table: 'wizard-made', tags: [{ key: 'team', value: 'a b' }] };
      const state = { answers, given: { kind: true, profile: true, region: true, table: true }, code: [], step: { name: 'declined' } } as unknown as WizardState;
      const said = transcript(state, opts, commandFor(state, opts));
      const command = (said.at(-1) ?? '').trim();
      expect(command).toBe(`sentinel-init sessions --aws-profile dev --endpoint-url ${stack.proxy.endpoint} --region ${REGION} --table wizard-made --tag 'team=a b' --yes`);
      let pasted = { code: -1, stdout: '', stderr: '' };
      const calls = await seen(async () => (pasted = await paste(command)));
      expect(pasted.code, pasted.stderr).toBe(0);
      expect(pasted.stdout).toContain('Table wizard-made (sessions) in eu-west-1: created.');
      expect(calls.trap).toEqual([]);
      expect(new Set(calls.proxy)).toEqual(new Set([DEV_KEY]));
    } finally {
      setInvocation(() => ['sentinel-init']);
    }
  });

  it('the CloudFormation import steps for an existing table: the sentinel-init lines run there, the aws lines carry the profile and region', async () => {
    expect((await cli(['approvals', '--table', 'cfn-import', '--endpoint-url', stack.proxy.endpoint, '--aws-profile', 'dev', '--yes'])).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-cfn-'));
    const run = await cli(['approvals', '--table', 'cfn-import', '--endpoint-url', stack.proxy.endpoint, '--aws-profile', 'dev', '--output', 'cloudformation', '--output-file', join(dir, 'full.cfn.yaml')]);
    expect(run.code, run.stderr).toBe(0);
    const steps = lines(run.stderr).filter((l) => l.startsWith('  ')).map((l) => l.trim());
    const ours = steps.filter((l) => l.startsWith('sentinel-init '));
    const aws = steps.filter((l) => l.startsWith('aws '));
    expect(ours).toEqual([`sentinel-init approvals --aws-profile dev --endpoint-url ${stack.proxy.endpoint} --region ${REGION} --table cfn-import --output cloudformation-import --output-file sentinel-approvals-import.cfn.yaml`]);
    expect(aws.length).toBe(5);
    for (const line of aws) expect(line).toMatch(new RegExp(`--region ${REGION} --profile dev$`));

    let pasted = { code: -1, stdout: '', stderr: '' };
    const calls = await seen(async () => (pasted = await paste(`cd ${dir} && ${ours[0]}`)));
    expect(pasted.code, pasted.stderr).toBe(0);
    expect(pasted.stderr).toContain(`to sentinel-approvals-import.cfn.yaml`);
    expect(calls.trap).toEqual([]);
    expect(new Set(calls.proxy)).toEqual(new Set([DEV_KEY]));
  });
});
