/**
 * The wizard's done screen in a real pseudo-terminal (tmux): `v` runs verify through the fault proxy,
 * Ctrl-C while a Query is held stops it; the run removes its probe items first, ends 130, and the
 * transcript says what became of them; Esc stops it the same way and the done screen stays. The table
 * is counted afterwards by a Scan of our own.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuilt, runCli } from '../cli/run-cli.js';
import { localBehindProxy } from '../helpers/local-stack.js';
import { tmuxTerminal } from '../helpers/tmux.js';
import { wizardHome, type WizardHome } from '../helpers/wizard-home.js';

const term = tmuxTerminal('wizard-verify-stop');
const { waitFor, typeText, key } = term;
const stack = localBehindProxy();
let home: WizardHome;
let client: DynamoDBClient;

beforeAll(() => {
  ensureBuilt();
  home = wizardHome('wizard-verify-stop');
  // The dev profile's keys: DynamoDB Local keeps a database per access key.
  client = new DynamoDBClient({ region: 'eu-west-1', endpoint: stack.local.endpoint, credentials: { accessKeyId: 'keydev', secretAccessKey: 'secret' } });
});

afterAll(() => {
  term.close();
  client?.destroy();
  home?.remove();
});

/**
 * Makes `table`, opens the wizard on it through the proxy in tmux session `s`, walks to the done
 * screen, and presses v with the next Query held for 30 s; returns once verify has sent that Query.
 */
async function verifyHeldOnQuery(s: string, table: string): Promise<void> {
  const target = ['--aws-profile', 'dev', '--region', 'eu-west-1', '--table', table];
  const made = await runCli(['sessions', ...target, '--endpoint-url', stack.local.endpoint, '--yes'], { env: home.env });
  expect(made.code, made.stderr).toBe(0);
  term.launch(s, `sessions ${target.join(' ')} --endpoint-url ${stack.proxy.endpoint}`, home.env, { cwd: home.home });
  await waitFor(s, 'Enter continue to the IAM policies');
  key(s, 'Enter');
  await waitFor(s, 'IAM policies for this table');
  key(s, 'Enter');
  await waitFor(s, 'Enter finish');
  const queries = stack.proxy.count('Query');
  stack.proxy.delay('Query', 30_000);
  stack.proxy.inject('Query', 'slow');
  typeText(s, 'v');
  await waitFor(s, 'Esc stop');
  for (let i = 0; i < 200 && stack.proxy.count('Query') === queries; i++) await new Promise((r) => setTimeout(r, 50));
  expect(stack.proxy.count('Query')).toBeGreaterThan(queries);
}

it('done screen: v, then Ctrl-C while verify waits on a Query: the probes are removed, exit 130, the transcript says so', async () => {
  const table = 'wizard-verify-stop';
  const s = 'stop';
  await verifyHeldOnQuery(s, table);
  key(s, 'C-c');
  const end = await waitFor(s, /EXIT=\d+/);
  expect(end).toContain('EXIT=130');
  expect(end).toContain(`Verify did not finish: Stopped while verifying table ${table}. No probe item is left in it.`);
  expect((await client.send(new ScanCommand({ TableName: table }))).Count).toBe(0);
});

it('done screen: v, then Esc while verify waits on a Query: the probes are removed and the done screen stays; Enter ends the run', async () => {
  const table = 'wizard-verify-esc';
  const s = 'esc';
  await verifyHeldOnQuery(s, table);
  key(s, 'Escape');
  // The done screen again, offering verify once more, with what became of the probe items.
  const after = await waitFor(s, 'v verify again');
  expect(after.replace(/\s+/g, ' ')).toContain(`Verify did not finish: Stopped while verifying table ${table}. No probe item is left in it.`);
  expect((await client.send(new ScanCommand({ TableName: table }))).Count).toBe(0);
  key(s, 'Enter');
  const end = await waitFor(s, /EXIT=\d+/);
  expect(end).toContain('EXIT=1');
});
