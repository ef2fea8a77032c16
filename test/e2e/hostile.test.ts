/**
 * Failing honestly in a hostile environment, the built CLI against DynamoDB Local: output streams
 * that cannot be written, answers that are not AWS answers, TLS trouble, broken settings, STS faults,
 * secrets and control characters. Each case asserts the exit code, the sentence, and the table.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync, closeSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../src/local/dynamodb-local.js';
import { baseEnv, CLI, type CliRun, ensureBuilt, lines, onlyTable, runCli } from '../cli/run-cli.js';
import { sentinelCreateTableInput } from '../compat/sentinel-schema.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { startStsStub } from '../helpers/sts-stub.js';

const REGION = 'eu-west-1';
let home: string;
let local: DynamoDbLocal;
let proxy: FaultProxy;
let client: DynamoDBClient;
const keys = () => ({ AWS_ACCESS_KEY_ID: 'hostile', AWS_SECRET_ACCESS_KEY: 'secret', HOME: home, AWS_MAX_ATTEMPTS: '2', SENTINEL_INIT_REQUEST_TIMEOUT_MS: '2000' });

beforeAll(async () => {
  ensureBuilt();
  home = mkdtempSync(join(tmpdir(), 'hostile-'));
  local = await startDynamoDbLocal();
  proxy = await startFaultProxy(local.endpoint);
  client = new DynamoDBClient({ region: REGION, endpoint: local.endpoint, credentials: { accessKeyId: 'hostile', secretAccessKey: 'secret' } });
});
afterEach(() => proxy.clear());
afterAll(async () => {
  client?.destroy();
  await proxy?.stop();
  await local?.stop();
});

const last = (run: CliRun) => lines(run.stderr).at(-1) ?? '';
const ttl = (name: string) => client.send(new DescribeTimeToLiveCommand({ TableName: name })).then((o) => o.TimeToLiveDescription?.TimeToLiveStatus);
const exists = (name: string) => client.send(new DescribeTableCommand({ TableName: name })).then(() => true, () => false);
const cli = (args: string[], extra: NodeJS.ProcessEnv = {}, endpoint = local.endpoint) =>
  runCli(['--region', REGION, '--endpoint-url', endpoint, ...args], { env: { ...keys(), ...extra } });

/** Runs the CLI with stdout and stderr going to the given file descriptors (e.g. /dev/full). */
function runWithFds(args: string[], out: number | 'pipe', err: number | 'pipe'): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--region', REGION, '--endpoint-url', local.endpoint, ...args], { env: baseEnv(keys()), stdio: ['ignore', out, err] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

describe('output that cannot be written', () => {
  it('stderr full (2>/dev/full): the apply finishes the table, TTL on, exit 0 with the JSON on stdout', async () => {
    const full = openSync('/dev/full', 'w');
    const run = await runWithFds(['approvals', '--table', 'stderr-full', '--yes', '--json'], 'pipe', full);
    closeSync(full);
    expect(run.code).toBe(0);
    expect(onlyTable(run)).toMatchObject({ status: 'created' });
    expect(await ttl('stderr-full')).toBe('ENABLED');
  });

  it('stderr closed by its reader mid-run (| head -c 10, EPIPE) during a converge: the converge finishes', async () => {
    const name = 'stderr-epipe';
    await client.send(new CreateTableCommand({ ...sentinelCreateTableInput('breakglass', name), DeletionProtectionEnabled: false }));
    const result = await new Promise<{ code: number | null; seen: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, '--region', REGION, '--endpoint-url', local.endpoint, 'breakglass', '--table', name, '--yes'], {
        env: baseEnv(keys()),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let seen = '';
      child.stderr.on('data', (c: Buffer) => {
        seen += c.toString();
        // Like `head -c 10`: read ten bytes, then close the pipe.
        if (seen.length >= 10) child.stderr.destroy();
      });
      child.once('error', reject);
      child.once('close', (code) => resolve({ code, seen }));
    });
    expect(result.code).toBe(0);
    expect(await ttl(name)).toBe('ENABLED');
    expect((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.DeletionProtectionEnabled).toBe(true);
  });

  it.each([
    [['approvals', '--table', 'stdout-full', '--yes', '--json'], /Could not write the result to standard output \(ENOSPC\)\. Table stdout-full was created; only its result was lost\./],
    [['approvals', '--table', 'stdout-full-plan', '--plan'], /Could not write the result to standard output \(ENOSPC\)\./],
    [['--generate-iam'], /Could not write the result to standard output \(ENOSPC\)\./],
    [['--help'], /Could not write the result to standard output \(ENOSPC\)\./],
  ])('stdout full (>/dev/full): %j exits 1 saying the result was lost', async (args, sentence) => {
    const full = openSync('/dev/full', 'w');
    const run = await runWithFds(args, full, 'pipe');
    closeSync(full);
    expect(run.code).toBe(1);
    expect(last(run)).toMatch(sentence);
    if (args.includes('stdout-full')) expect(await ttl('stdout-full')).toBe('ENABLED');
  });
});

describe('answers that are not AWS answers, and what the run had made', () => {
  it.each([
    ['unknown-400', /^sentinel-init: DynamoDB refused UpdateTimeToLive on table odd-\w+ in eu-west-1: BrandNewException: A reason no client knows yet\./],
    ['html', /^sentinel-init: DynamoDB at http:\/\/127\.0\.0\.1:\d+ answered UpdateTimeToLive on table odd-\w+ in eu-west-1 with something that is not an AWS answer \(HTML or broken JSON\/XML\)\./],
    ['bad-json', /answered UpdateTimeToLive .* with something that is not an AWS answer/],
  ] as const)('%s on UpdateTimeToLive after CreateTable: a sentence, and it says the table exists with TTL off', async (fault, sentence) => {
    const name = `odd-${fault.replace(/-/g, '')}`;
    proxy.inject('UpdateTimeToLive', fault, 3);
    const run = await cli(['approvals', '--table', name, '--yes'], {}, proxy.endpoint);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(sentence);
    expect(last(run)).toMatch(new RegExp(`Now, as DynamoDB reports it: table ${name} ACTIVE; .*TTL disabled; .*Running again finishes: enable TTL on attribute ttl`));
    expect(run.stderr).not.toMatch(/Unexpected error/);
    expect(await ttl(name)).toBe('DISABLED');
  });

  it('https:// to a plain-HTTP port: says it does not speak TLS, nothing created', async () => {
    const endpoint = local.endpoint.replace('http://', 'https://');
    const run = await cli(['approvals', '--table', 'tls-plain', '--yes'], {}, endpoint);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/Could not reach DynamoDB at https:\/\/127\.0\.0\.1:\d+ \((EPROTO|ERR_SSL_WRONG_VERSION_NUMBER)\)\. It does not speak TLS: use http:\/\//);
    expect(await exists('tls-plain')).toBe(false);
  });

  it('a self-signed certificate: says the certificate is not trusted and how to trust it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const run = await cli(['approvals', '--table', 'tls-self', '--plan'], {}, `https://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect(run.code, run.stderr).toBe(1);
      expect(last(run)).toMatch(/\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)\. Its TLS certificate is not trusted .*NODE_EXTRA_CA_CERTS/);
    } finally {
      server.close();
    }
  });

  it.each(['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS'])('%s=garbage: exit 2 naming the variable', async (variable) => {
    const run = await cli(['approvals', '--table', 'bad-endpoint', '--plan'], { [variable]: 'garbage' });
    expect(run.code).toBe(2);
    expect(last(run)).toBe(`sentinel-init: Endpoint "garbage" is not a URL such as http://localhost:8000. It came from ${variable}: fix or unset it.`);
  });

  it('a newline in AWS_ACCESS_KEY_ID: exit 2 naming the broken key, nothing created', async () => {
    const run = await cli(['approvals', '--table', 'bad-key', '--yes'], { AWS_ACCESS_KEY_ID: 'hostile\nX' });
    expect(run.code, run.stderr).toBe(2);
    expect(last(run)).toMatch(/The access key id contains a space, newline or other control character\. Fix AWS_ACCESS_KEY_ID/);
    expect(await exists('bad-key')).toBe(false);
  });
});

/** A loopback port nothing listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('STS failures are STS failures', () => {
  it('STS port closed: "Could not reach STS at …", not DynamoDB', async () => {
    const closed = await closedPort();
    const run = await cli(['approvals', '--table', 'sts-closed', '--plan'], { AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${closed}` });
    expect(run.code).toBe(1);
    expect(last(run)).toMatch(new RegExp(`^sentinel-init: Could not reach STS at http://127\\.0\\.0\\.1:${closed} \\(ECONNREFUSED\\)\\. Nothing listens there: check --endpoint-url or AWS_ENDPOINT_URL\\*, and that the service is running\\.$`));
  });

  it('STS port closed under a role profile (source_profile + role_arn): the same sentence, not "Could not get credentials … Check the profile"', async () => {
    const closed = await closedPort();
    const config = join(home, 'role-config');
    writeFileSync(config, `[profile admin-role]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n\n[profile base]\naws_access_key_id = hostile\naws_secret_access_key = secret\n`);
    const run = await runCli(['approvals', '--table', 'sts-closed-role', '--plan', '--region', REGION, '--endpoint-url', local.endpoint, '--aws-profile', 'admin-role'], {
      env: { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), AWS_MAX_ATTEMPTS: '2', AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${closed}` },
    });
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toBe(`sentinel-init: Could not reach STS at http://127.0.0.1:${closed} (ECONNREFUSED). Nothing listens there: check --endpoint-url or AWS_ENDPOINT_URL*, and that the service is running.`);
  });

  it.each([
    [{ status: 500, code: 'InternalFailure' }, /^sentinel-init: STS kept failing GetCallerIdentity with a server error \(InternalFailure\)\./],
    [{ status: 400, code: 'Throttling' }, /^sentinel-init: STS kept throttling GetCallerIdentity \(Throttling\)\./],
  ])('STS %j: the sentence names STS', async (failWith, sentence) => {
    const sts = await startStsStub({ failWith });
    try {
      const run = await cli(['approvals', '--table', 'sts-fail', '--plan'], { AWS_ENDPOINT_URL_STS: sts.url });
      expect(run.code).toBe(1);
      expect(last(run)).toMatch(sentence);
      expect(run.stderr).not.toMatch(/DynamoDB/);
    } finally {
      await sts.close();
    }
  });
});

describe('secrets and terminal safety', () => {
  it('a failing credential_process: its arguments and a token in its stderr never printed, with or without DEBUG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-'));
    const script = join(dir, 'cred.sh');
    writeFileSync(script, '#!/bin/sh\necho "vault: token s.VAULTSECRET0123456789 rejected" >&2\nexit 3\n', { mode: 0o755 });
    writeFileSync(join(dir, 'config'), `[profile proc]\nregion = eu-west-1\ncredential_process = MYTOKEN=envSECRET999 ${script} --key KSECRET456 --api-token=TOPSECRET123\n`);
    const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
    const plain = await runCli(['--aws-profile', 'proc', '--plan', '--endpoint-url', local.endpoint], { env });
    const debug = await runCli(['--aws-profile', 'proc', '--plan', '--endpoint-url', local.endpoint], { env: { ...env, DEBUG: '1' } });
    for (const run of [plain, debug]) {
      expect(run.code, run.stderr).toBe(1);
      const out = `${run.stdout}${run.stderr}`;
      for (const secret of ['KSECRET456', 'envSECRET999', 'TOPSECRET123', 'VAULTSECRET0123456789']) expect(out).not.toContain(secret);
      // The profile and the program are named; its arguments are not.
      expect(run.stderr).toContain('The credential_process of profile proc (cred.sh) failed.');
    }
    // Its error output only with DEBUG, the token masked.
    expect(plain.stderr).not.toContain('rejected');
    expect(debug.stderr).toContain('vault: token *** rejected');
  });

  it('a password in --endpoint-url never appears in any output', async () => {
    const endpoint = local.endpoint.replace('http://', 'http://admin:s3cr3tpw@');
    const run = await cli(['approvals', '--table', 'pw-endpoint', '--yes', '--json'], {}, endpoint);
    expect(`${run.stdout}${run.stderr}`).not.toContain('s3cr3tpw');
    expect(run.stderr).toContain('http://admin:***@127.0.0.1');
  });

  it('ESC and BEL from arguments and environment are shown escaped, never raw', async () => {
    const runs = [
      await cli(['approvals', '--table', 'bad\u001b[2Jname', '--plan']),
      // cli() passes --region: this one must come from the environment.
      await runCli(['approvals', '--plan', '--endpoint-url', local.endpoint], { env: { ...keys(), AWS_REGION: 'eu\u0007west' } }),
      await cli(['approvals', '--plan'], { AWS_PROFILE: 'evil\u001b]0;pwned\u0007' }),
    ];
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/[\u0007\u001b]/);
      expect(run.stderr).toMatch(/\\u001b|\\u0007/);
    }
  });
});

describe('one-line errors stay one line', () => {
  it('a newline in AWS_REGION or in an --output-file name is shown escaped; AWS_MAX_ATTEMPTS=1e3 refused', async () => {
    const env = { HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
    const region = await runCli(['sessions', '--plan'], { env: { ...env, AWS_REGION: 'eu-west-1\n' } });
    expect(region.code).toBe(2);
    expect(lines(region.stderr)).toEqual(['sentinel-init: Region "eu-west-1\\n" is not a region name such as eu-west-1 or us-gov-west-1. It came from AWS_REGION: fix or unset it, or pass --region.']);
    const file = await runCli(['sessions', '--region', REGION, '--output', 'terraform', '--output-file', '/nonexist\nent/x.tf'], { env });
    expect(file.code).toBe(2);
    expect(last(file)).toBe('sentinel-init: The directory of /nonexist\\nent/x.tf does not exist. Create it, or choose another --output-file.');
    const attempts = await runCli(['sessions', '--region', REGION, '--plan'], { env: { ...env, AWS_MAX_ATTEMPTS: '1e3' } });
    expect(attempts.code).toBe(2);
    expect(lines(attempts.stderr)).toEqual(['sentinel-init: AWS_MAX_ATTEMPTS "1e3" is not a whole number of attempts (1 or more). Set it to e.g. 3, or unset it (the default is 6).']);
  });
});

describe('config files that are not what they should be', () => {
  it('a FIFO or a directory as AWS_CONFIG_FILE: exit 2 at once naming it, never blocking on the read', async () => {
    const fifo = join(home, 'config-fifo');
    execFileSync('mkfifo', [fifo]);
    for (const path of [fifo, home]) {
      const run = await runCli(['sessions', '--aws-profile', 'ops', '--region', REGION, '--plan'], { env: { HOME: home, AWS_CONFIG_FILE: path, AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') } });
      expect(run.code, run.stderr).toBe(2);
      expect(last(run)).toContain(`${path} is ${path === fifo ? 'a FIFO' : 'a directory'}, not a regular file, so it cannot hold AWS profiles.`);
      // A FIFO with no writer blocks a read for ever: had the run opened it, the test would time out here.
    }
  });

  it('a FIFO as AWS_CONFIG_FILE or the credentials file with no profile named: exit 2 at once, never blocking in the SDK\'s loader', async () => {
    const fifo = join(home, 'shared-fifo');
    execFileSync('mkfifo', [fifo]);
    for (const variable of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) {
      const env = { HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), [variable]: fifo };
      // Before: the default chain's loader opened the FIFO and no signal could end the process.
      const started = Date.now();
      const run = await runCli(['sessions', '--region', REGION, '--plan', '--endpoint-url', local.endpoint], { env, killAfterMs: 15_000 });
      expect(run.signal, run.stderr).toBeNull();
      expect(run.code, run.stderr).toBe(2);
      expect(lines(run.stderr)).toHaveLength(1);
      expect(last(run)).toBe(`sentinel-init: ${fifo} is a FIFO, not a regular file, so it cannot hold AWS profiles. Point ${variable} at a regular file, or remove it.`);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  });

  it('a profile whose section holds nothing (only `region =`): exit 2 saying so, not "no such profile"', async () => {
    const config = join(home, 'config-empty');
    writeFileSync(config, '[profile ops]\nregion =\n');
    const run = await runCli(['sessions', '--aws-profile', 'ops', '--region', REGION, '--plan'], { env: { HOME: home, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') } });
    expect(run.code, run.stderr).toBe(2);
    expect(last(run)).toContain(`Profile "ops" (from --aws-profile) is in ${config} but holds no setting`);
  });
});

