/**
 * --debug and DEBUG=1: one line per AWS call on stderr, never a key or a token. Against DynamoDB
 * Local, with a session token in the environment, so a leak would show.
 */
import { describe, expect, it } from 'vitest';
import { localBehindProxy } from '../helpers/local-stack.js';
import { ensureBuilt, runCli } from '../cli/run-cli.js';

const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYdebugSECRETKEY';
const TOKEN = 'FwoGZXIvYXdzEDebugSessionTokenThatMustNeverBePrinted0123456789';
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIADEBUGLOGTEST0001', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN };
const stack = localBehindProxy();
ensureBuilt();

const debugLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('sentinel-init debug: '));

describe('--debug', () => {
  it('prints one line per DynamoDB call with its status, request id, time and attempt, and no secret', async () => {
    const run = await runCli(['sessions', '--table', 'debug-log-create', '--region', 'eu-west-1', '--endpoint-url', stack.local.endpoint, '--yes', '--no-pitr', '--debug'], { env: KEYS });
    expect(run.code, run.stderr).toBe(0);
    const log = debugLines(run.stderr);
    // The first read finds no table; then the create, and the reads that wait for ACTIVE.
    expect(log[0]).toMatch(/^sentinel-init debug: DynamoDB DescribeTable table=debug-log-create HTTP 400 ResourceNotFoundException request-id=\S+ \d+ ms attempt 1\/6$/);
    expect(log.some((l) => /DynamoDB CreateTable table=debug-log-create HTTP 200 request-id=[\w-]{8,} \d+ ms attempt 1\/6$/.test(l)), log.join('\n')).toBe(true);
    expect(log.filter((l) => / DescribeTable table=debug-log-create HTTP 200 /.test(l)).length).toBeGreaterThan(0);
    expect(log.some((l) => / UpdateTimeToLive table=debug-log-create HTTP 200 /.test(l)), log.join('\n')).toBe(true);
    for (const text of [run.stderr, run.stdout]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toMatch(/Signature=|Credential=|authorization/i);
    }
  });

  it('DEBUG=1 does the same; without either, no call is logged', async () => {
    const args = ['sessions', '--table', 'debug-log-plan', '--region', 'eu-west-1', '--endpoint-url', stack.local.endpoint, '--plan'];
    const withEnv = await runCli(args, { env: { ...KEYS, DEBUG: '1' } });
    expect(withEnv.code, withEnv.stderr).toBe(0);
    expect(debugLines(withEnv.stderr)[0]).toMatch(/DynamoDB DescribeTable table=debug-log-plan HTTP 400 ResourceNotFoundException/);
    const quiet = await runCli(args, { env: KEYS });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(debugLines(quiet.stderr)).toEqual([]);
  });

  it('shows each retried attempt of a call that fails, and the error sentence it points to', async () => {
    stack.proxy.inject('DescribeTable', '500', 100);
    const run = await runCli(['sessions', '--table', 'debug-log-fault', '--region', 'eu-west-1', '--endpoint-url', stack.proxy.endpoint, '--plan', '--debug'], {
      env: { ...KEYS, AWS_MAX_ATTEMPTS: '3' },
    });
    stack.proxy.clear();
    expect(run.code, run.stderr).toBe(1);
    const log = debugLines(run.stderr);
    expect(log.map((l) => /attempt (\d\/\d)$/.exec(l)?.[1])).toEqual(['1/3', '2/3', '3/3']);
    expect(log[0]).toMatch(/DynamoDB DescribeTable table=debug-log-fault HTTP 500 InternalServerError /);
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr).not.toContain(TOKEN);
  });

  it('an answer with no sentence of its own sends the person to --debug, which shows that answer', async () => {
    stack.proxy.inject('DescribeTable', 'unknown-400', 1);
    const args = ['sessions', '--table', 'debug-log-unknown', '--region', 'eu-west-1', '--endpoint-url', stack.proxy.endpoint, '--plan'];
    const first = await runCli(args, { env: KEYS });
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/^sentinel-init: DynamoDB refused DescribeTable .*BrandNewException.* Run again with --debug \(or DEBUG=1\) to see each AWS call and its answer\.$/m);
    stack.proxy.inject('DescribeTable', 'unknown-400', 1);
    const again = await runCli([...args, '--debug'], { env: KEYS });
    stack.proxy.clear();
    expect(debugLines(again.stderr)).toEqual([expect.stringMatching(/^sentinel-init debug: DynamoDB DescribeTable table=debug-log-unknown HTTP 400 BrandNewException request-id=\S+ \d+ ms attempt 1\/6$/)]);
  });
});
