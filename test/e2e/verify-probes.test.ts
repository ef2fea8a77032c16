/**
 * `verify` leaves no probe item behind, or names each one with the command that removes it: the
 * built CLI against DynamoDB Local behind the fault proxy, stopped by real signals (SIGINT, SIGTERM,
 * SIGHUP) during a PutItem, a Query and the cleanup, with answers lost after DynamoDB applied the
 * call. After each run the table is counted by a Scan of our own; where probes are named, the command
 * printed is run as printed and the table counted again.
 */
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { ChildProcess } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, ensureBuilt, jsonOutput, lines, runCli } from '../cli/run-cli.js';
import { localBehindProxy } from '../helpers/local-stack.js';

const REGION = 'eu-west-1';
const KEYS = { AWS_ACCESS_KEY_ID: 'probes', AWS_SECRET_ACCESS_KEY: 'secret', HOME: '/nonexistent' };
/** Short attempts, so a hung call gives up in seconds; three attempts, so a lost answer is retried. */
const FAST = { ...KEYS, SENTINEL_INIT_REQUEST_TIMEOUT_MS: '2000', AWS_MAX_ATTEMPTS: '3' };
const CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Sig = keyof typeof CODES;

const stack = localBehindProxy();
let client: DynamoDBClient;

beforeAll(() => {
  ensureBuilt();
  client = new DynamoDBClient({ region: REGION, endpoint: stack.local.endpoint, credentials: { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: 'secret' } });
});
afterEach(() => stack.proxy.clear());
afterAll(() => client?.destroy());

/** Every item in the table, by our own Scan (the tables start empty: each one counted is a probe). */
const items = async (table: string) => (await client.send(new ScanCommand({ TableName: table }))).Items ?? [];
const count = async (table: string) => (await items(table)).length;

let n = 0;
let at = new Map<string, number>();
/** Calls of `op` the proxy saw since the current run started. */
const since = (op: string) => stack.proxy.count(op) - (at.get(op) ?? 0);
/** A fresh table of `kind`, made by the tool directly on DynamoDB Local. */
async function fresh(kind: string): Promise<string> {
  const table = `probes-${kind}-${++n}`;
  const made = await runCli(['--region', REGION, '--endpoint-url', stack.local.endpoint, kind, '--table', table, '--yes'], { env: KEYS });
  expect(made.code, made.stderr).toBe(0);
  return table;
}

/**
 * `verify KIND --table T` through the proxy. The first of `signals` is sent once `when` holds
 * (polled); any second one once the run has said "Stopping..." (two signals sent together arrive
 * as one).
 */
async function verify(kind: string, table: string, options: { when?: () => boolean | Promise<boolean>; signals?: Sig[]; extra?: string[] } = {}): Promise<CliRun & { afterSignal: number }> {
  let poll: NodeJS.Timeout | undefined;
  // The proxy counts calls since it started: conditions read the calls of this run (see since()).
  at = new Map(['Query', 'PutItem', 'UpdateItem', 'DeleteItem'].map((op) => [op, stack.proxy.count(op)]));
  let sentAt = 0;
  const [first, ...then] = options.signals ?? [];
  const watch = (text: string, child: ChildProcess) => {
    if (sentAt && text.includes('Stopping...')) for (const s of then.splice(0)) child.kill(s);
    if (poll || !first) return;
    poll = setInterval(async () => {
      if (sentAt || !(await options.when?.())) return;
      sentAt = Date.now();
      clearInterval(poll);
      child.kill(first);
    }, 20);
  };
  const args = ['--region', REGION, '--endpoint-url', stack.proxy.endpoint, 'verify', kind, '--table', table, ...(options.extra ?? [])];
  const run = await runCli(args, { env: FAST, onStderr: watch });
  clearInterval(poll);
  if (first) expect(sentAt, `never sent ${first}: ${run.stderr}`).toBeGreaterThan(0);
  expect(then, 'every signal was sent').toEqual([]);
  return { ...run, afterSignal: (Date.now() - sentAt) / 1000 };
}

/** The command the run printed for its leftovers (between backticks), run as printed. */
async function runPrinted(run: CliRun): Promise<CliRun> {
  const printed = /`(sentinel-init verify [^`]+--clean[^`]*)`/.exec(run.stderr)?.[1];
  expect(printed, `no --clean command in: ${run.stderr}`).toBeDefined();
  // Plain words: the shell quoting shellQuote adds is not needed for these values.
  const args = (printed as string).split(' ').slice(1);
  return runCli(args, { env: KEYS });
}

const last = (run: CliRun) => lines(run.stderr).at(-1) ?? '';

describe('stopped by a signal', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s during a slow Query: the run removes both probe items, says so, and exits with the signal\'s code', async (signal) => {
    const table = await fresh('sessions');
    stack.proxy.delay('Query', 30_000);
    stack.proxy.inject('Query', 'slow');
    const run = await verify('sessions', table, { when: () => since('Query') > 0, signals: [signal] });
    expect(run.code, run.stderr).toBe(CODES[signal]);
    expect(last(run)).toBe(`sentinel-init: Stopped while verifying table ${table}. No probe item is left in it.`);
    expect(run.afterSignal).toBeLessThan(5);
    expect(await count(table)).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s while a probe PutItem is in flight (DynamoDB wrote it, the answer is not back): the item is removed too', async (signal) => {
    const table = await fresh('breakglass');
    stack.proxy.inject('PutItem', 'hang-after');
    const run = await verify('breakglass', table, { when: async () => (await count(table)) > 0, signals: [signal] });
    expect(run.code, run.stderr).toBe(CODES[signal]);
    expect(last(run)).toBe(`sentinel-init: Stopped while verifying table ${table}. No probe item is left in it.`);
    expect(run.afterSignal).toBeLessThan(5);
    expect(await count(table)).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s while the cleanup\'s DeleteItem hangs: ends within the grace time naming each probe left and the command; that command removes them', async (signal) => {
    const table = await fresh('sessions');
    stack.proxy.inject('DeleteItem', 'hang', 10);
    const run = await verify('sessions', table, { when: () => since('DeleteItem') > 0, signals: [signal] });
    expect(run.code, run.stderr).toBe(CODES[signal]);
    expect(run.afterSignal).toBeLessThan(5.5);
    const left = (await items(table)).map((i) => i.id?.S ?? '');
    expect(left).toHaveLength(2);
    for (const id of left) expect(last(run)).toContain(id);
    expect(last(run)).toMatch(new RegExp(`^sentinel-init: Stopped while verifying table ${table}\\. Probe items not removed from it: .*; \`sentinel-init verify sessions .*--clean\` removes them\\.$`));
    stack.proxy.clear();
    const clean = await runPrinted(run);
    expect(clean.code, clean.stderr).toBe(0);
    expect(await count(table)).toBe(0);
  });

  it('a second Ctrl-C during the cleanup exits at once, naming the probes and the command that removes them', async () => {
    const table = await fresh('approvals');
    stack.proxy.inject('DeleteItem', 'hang', 10);
    const run = await verify('approvals', table, { when: () => since('DeleteItem') > 0, signals: ['SIGINT', 'SIGINT'] });
    expect(run.code, run.stderr).toBe(130);
    expect(run.afterSignal).toBeLessThan(2);
    const [probe] = (await items(table)).map((i) => i.id?.S ?? '');
    expect(probe).toMatch(/^sentinel-init-probe-/);
    expect(last(run)).toMatch(new RegExp(`^sentinel-init: Interrupted again: stopping now\\. Probe items not removed from table ${table}: ${probe}; \`sentinel-init verify approvals .*--clean\` removes them\\.$`));
    stack.proxy.clear();
    const clean = await runPrinted(run);
    expect(clean.code, clean.stderr).toBe(0);
    expect(await count(table)).toBe(0);
  });
});

describe('without a signal', () => {
  it('a DeleteItem that hangs: the run ends within seconds, names each probe with the command; that command removes them', async () => {
    const table = await fresh('breakglass');
    stack.proxy.inject('DeleteItem', 'hang', 10);
    const started = Date.now();
    const run = await verify('breakglass', table);
    expect(run.code, run.stderr).toBe(1);
    expect((Date.now() - started) / 1000).toBeLessThan(20);
    const [probe] = (await items(table)).map((i) => i.id?.S ?? '');
    expect(run.stdout).toContain(`Probe items not removed from table ${table}: ${probe}; \`sentinel-init verify breakglass `);
    stack.proxy.clear();
    const clean = await runPrinted(run);
    expect(clean.code, clean.stderr).toBe(0);
    expect(await count(table)).toBe(0);
  });

  it('a DeleteItem whose answer never comes (DynamoDB deleted it): named as not confirmed; the command finds nothing left', async () => {
    const table = await fresh('approvals');
    stack.proxy.inject('DeleteItem', 'hang-after', 10);
    const run = await verify('approvals', table);
    expect(run.code, run.stderr).toBe(1);
    expect(await count(table)).toBe(0);
    stack.proxy.clear();
    const clean = await runPrinted(run);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe(`No probe item of sentinel-init verify is in table ${table}.\n`);
  });

  it('every PutItem answer lost: exit 1 on the network, and the probe DynamoDB wrote is removed and said so', async () => {
    const table = await fresh('approvals');
    stack.proxy.inject('PutItem', 'reset-after', 10);
    const run = await verify('approvals', table);
    expect(run.code, run.stderr).toBe(1);
    expect(last(run)).toMatch(/^sentinel-init: Could not reach DynamoDB at .* \(ECONNRESET\)\..* No probe item is left in table probes-approvals-\d+\./);
    expect(await count(table)).toBe(0);
  });
});

describe('one answer lost after DynamoDB applied the write', () => {
  it.each([
    ['sessions', 'PutItem', 12],
    ['breakglass', 'PutItem', 10],
    ['ratelimit', 'UpdateItem', 5],
    ['approvals', 'DeleteItem', 7],
  ] as const)('%s, %s: every pattern works and nothing is left', async (kind, op, patterns) => {
    const table = await fresh(kind);
    stack.proxy.inject(op, 'reset-after');
    const run = await verify(kind, table);
    expect(since(op)).toBeGreaterThan(1);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(lines(run.stdout).at(-1)).toBe(`All ${patterns} patterns work.`);
    expect(await count(table)).toBe(0);
  });
});

describe('verify KIND --clean', () => {
  it('removes the probe items of earlier runs by their prefix and nothing else', async () => {
    const table = await fresh('sessions');
    const real = { id: { S: 'a1b2c3d4e5f60718' }, user: { S: 'alice' }, status: { S: 'active' } };
    await client.send(new PutItemCommand({ TableName: table, Item: real }));
    for (const id of ['sentinel-init-probe-0a0b0c0d-server-mode', 'sentinel-init-probe-0a0b0c0d-lambda']) await client.send(new PutItemCommand({ TableName: table, Item: { id: { S: id } } }));
    const run = await verify('sessions', table, { extra: ['--clean'] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`Removed 2 probe items of sentinel-init verify from table ${table}: sentinel-init-probe-0a0b0c0d-lambda, sentinel-init-probe-0a0b0c0d-server-mode.\n`);
    expect(await items(table)).toEqual([real]);
  });

  it('ratelimit: removes the limiter probe, keeps a caller\'s counter', async () => {
    const table = await fresh('ratelimit');
    const real = { PK: { S: 'RL#arn:aws:iam::123456789012:user/alice' }, Count: { N: '3' } };
    await client.send(new PutItemCommand({ TableName: table, Item: real }));
    await client.send(new PutItemCommand({ TableName: table, Item: { PK: { S: 'RL#sentinel-init-probe-0a0b0c0d-caller' }, Count: { N: '1' } } }));
    const run = await verify('ratelimit', table, { extra: ['--clean', '--json'] });
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOutput(run)).toEqual({ formatVersion: '1', command: 'clean', tables: [{ kind: 'ratelimit', table, region: REGION, removed: ['RL#sentinel-init-probe-0a0b0c0d-caller'], left: [] }] });
    expect(await items(table)).toEqual([real]);
  });
});
