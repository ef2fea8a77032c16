/**
 * `sentinel-init doctor`, the built CLI, against a deployed Lambda TVM made of stand-ins: the Lambda
 * stand-in serves the function's configuration, the IAM stand-in evaluates its role's real policy
 * documents (the CDK stack's, the Terraform module's, our runtime policy), and the tables are real
 * ones in DynamoDB Local (made by this tool), behind the fault proxy that counts every call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_NAMES, KINDS } from '../../src/core/kinds.js';
import { runtimePolicy as runtimeDocument } from '../../src/policy/iam.js';
import { type CliRun, ensureBuilt, jsonOutput, runCli } from '../cli/run-cli.js';
import { startIamStandIn, type IamStandIn } from '../helpers/iam-stand-in.js';
import { startLambdaStandIn, type LambdaStandIn } from '../helpers/lambda-stand-in.js';
import { localBehindProxy } from '../helpers/local-stack.js';
import { cdkRolePolicy, terraformRolePolicies } from '../helpers/sentinel-deploy-roles.js';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const KEY = 'doctore2e';
const stack = localBehindProxy();
let lambda: LambdaStandIn;
let iam: IamStandIn;
/** DynamoDB calls per operation once the tables are made: doctor's runs may only add DescribeTable. */
let before: Record<string, number>;

const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const CDK_ROLE = role('SentinelTvmLambdaRole');
const TF_ROLE = role('sentinel-tvm-execution-role');
const TABLES = { session: 'sentinel-sessions', approval: 'sentinel-requests', breakglass: 'sentinel-breakglass' };
/** What the CDK stack and the Terraform module put in the function's environment (bin/sentinel-tvm.ts:9-27, main.tf:24-39). */
const DEPLOYED_ENV = { SENTINEL_POLICY_PARAMETER: '/sentinel/policies/default', SENTINEL_SESSION_TABLE: TABLES.session, SENTINEL_APPROVAL_TABLE: TABLES.approval, SENTINEL_BREAKGLASS_TABLE: TABLES.breakglass };

/** Our runtime policy for the four default tables (`all --generate-iam runtime`), less the actions in `drop`. */
function runtimePolicy(drop: string[] = []): unknown {
  const doc = runtimeDocument(KIND_NAMES.map((kind) => ({ kind, table: KINDS[kind].defaultTable, region: REGION, accountId: ACCOUNT })));
  return { ...doc, Statement: doc.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => !drop.includes(a)) })) };
}

const env = () => ({
  AWS_ACCESS_KEY_ID: KEY,
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_ENDPOINT_URL_DYNAMODB: stack.proxy.endpoint,
  AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
  AWS_ENDPOINT_URL_IAM: iam.endpoint,
  HOME: '/nonexistent',
});
const cli = (args: string[]) => runCli(args, { env: env() });

/** Deploys a function (to the stand-ins) and runs doctor on it. */
async function doctor(name: string, roleArn: string, policies: unknown[], variables: Record<string, string>, extra: string[] = []): Promise<CliRun> {
  lambda.put({ name, region: REGION, account: ACCOUNT, role: roleArn, variables });
  iam.putRole(roleArn, policies);
  return cli(['doctor', '--function', name, '--region', REGION, ...extra]);
}

const findings = (run: CliRun) => (jsonOutput(run) as unknown as { findings: { code: string; variable?: string; message: string; fix: string; policy?: { Action: string[]; Resource: string[] } }[] }).findings;

beforeAll(async () => {
  ensureBuilt();
  [lambda, iam] = await Promise.all([startLambdaStandIn(), startIamStandIn()]);
  // Sentinel's four tables under their default names, made by this tool; and one rate-limit table in another region.
  const made = await cli(['all', '--region', REGION, '--yes']);
  expect(made.code, made.stderr).toBe(0);
  const west = await cli(['ratelimit', '--table', 'rl-west-only', '--region', 'us-west-2', '--yes']);
  expect(west.code, west.stderr).toBe(0);
  before = Object.fromEntries(stack.proxy.operations().map((op) => [op, stack.proxy.count(op)]));
}, 120_000);

afterAll(async () => {
  await lambda?.stop();
  await iam?.stop();
});

describe('doctor on the CDK stack\'s role', () => {
  it('reports the index queries its table-only grant denies, with the policy that fixes them (exit 1)', async () => {
    const run = await doctor('sentinel-tvm', CDK_ROLE, [cdkRolePolicy(REGION, TABLES)], { ...DEPLOYED_ENV, SENTINEL_RATE_LIMIT_TABLE: 'sentinel-ratelimit' });
    expect(run.code, run.stderr).toBe(1);
    const out = run.stdout;
    expect(out).toContain('✓ SENTINEL_SESSION_TABLE=sentinel-sessions: a sessions table; the role may PutItem, GetItem, UpdateItem');
    expect(out).toContain('✗ Role SentinelTvmLambdaRole may not call dynamodb:Query on index gsi-requester of sentinel-requests (implicitDeny): no approved request is ever found.');
    expect(out).toContain('✗ Role SentinelTvmLambdaRole may not call dynamodb:Query on index gsi-invoker of sentinel-breakglass (implicitDeny): no active break-glass is ever found.');
    expect(out).toContain(`Fix: attach the runtime policy (\`sentinel-init approvals --generate-iam runtime --region ${REGION} --table sentinel-requests --account-id ${ACCOUNT}\`) to role SentinelTvmLambdaRole.`);
    // The rate-limit table was set by hand: the stack grants nothing on it.
    expect(out).toContain('may not call dynamodb:UpdateItem on table sentinel-ratelimit (implicitDeny): rate limiting fails open.');
    expect(out).toMatch(/^3 findings\.$/m);
    const json = await cli(['doctor', '--function', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:sentinel-tvm`, '--json']);
    expect(json.code).toBe(1);
    const approvals = findings(json).find((f) => f.variable === 'SENTINEL_APPROVAL_TABLE');
    expect(approvals).toMatchObject({ code: 'denied', policy: { Action: expect.arrayContaining(['dynamodb:Query']), Resource: expect.arrayContaining([`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/sentinel-requests/index/*`]) } });
  });

  it('exits 0 once our runtime policy is attached to the same role', async () => {
    const run = await doctor('sentinel-tvm', CDK_ROLE, [cdkRolePolicy(REGION, TABLES), runtimePolicy()], { ...DEPLOYED_ENV, SENTINEL_RATE_LIMIT_TABLE: 'sentinel-ratelimit' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('✓ SENTINEL_APPROVAL_TABLE=sentinel-requests: an approvals table; the role may Query on gsi-requester');
    expect(run.stdout).toContain('✓ SENTINEL_RATE_LIMIT_TABLE=sentinel-ratelimit: a ratelimit table; the role may UpdateItem');
    expect(run.stdout).toMatch(/All good/);
  });
});

describe('doctor on other roles', () => {
  it('the Terraform module\'s role may make every call on its three tables; with rate limiting off, exit 0', async () => {
    const run = await doctor('tf-tvm', TF_ROLE, terraformRolePolicies(REGION, 'tf-tvm', TABLES), { ...DEPLOYED_ENV, SENTINEL_RATE_LIMIT_REQUESTS: '0' });
    expect(run.code, run.stdout).toBe(0);
  });

  it('the Terraform module\'s role with the rate-limit table set by hand: its UpdateItem is denied', async () => {
    const run = await doctor('tf-tvm', TF_ROLE, terraformRolePolicies(REGION, 'tf-tvm', TABLES), { ...DEPLOYED_ENV, SENTINEL_RATE_LIMIT_TABLE: 'sentinel-ratelimit' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ Role sentinel-tvm-execution-role may not call dynamodb:UpdateItem on table sentinel-ratelimit (implicitDeny): rate limiting fails open.');
  });

  it('our runtime policy alone lets the Lambda TVM use all four tables (exit 0)', async () => {
    const run = await doctor('ours', role('ours'), [runtimePolicy()], { ...DEPLOYED_ENV, SENTINEL_RATE_LIMIT_TABLE: 'sentinel-ratelimit' });
    expect(run.code, run.stdout).toBe(0);
  });

  it('a role without PutItem: session tracking is lost, and said so', async () => {
    const run = await doctor('no-put', role('no-put'), [runtimePolicy(['dynamodb:PutItem'])], { ...DEPLOYED_ENV, SENTINEL_RATE_LIMIT_REQUESTS: '0' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ Role no-put may not call dynamodb:PutItem on table sentinel-sessions (implicitDeny): no session is recorded, so none can be listed or revoked.');
    expect(run.stdout).toMatch(/^1 finding\.$/m);
  });
});

describe('doctor finds each miswiring', () => {
  const ok = () => [runtimePolicy()];
  const codes = async (name: string, variables: Record<string, string>) => {
    const run = await doctor(name, role(name), ok(), variables, ['--json']);
    expect(run.code, run.stderr).toBe(1);
    return findings(run);
  };

  it('SENTINEL_REQUEST_TABLE, which nothing reads: set SENTINEL_APPROVAL_TABLE instead', async () => {
    const f = await codes('request-var', { SENTINEL_REQUEST_TABLE: 'sentinel-requests', SENTINEL_RATE_LIMIT_REQUESTS: '0' });
    expect(f).toEqual([expect.objectContaining({ code: 'request-table-variable', fix: expect.stringContaining('set SENTINEL_APPROVAL_TABLE=sentinel-requests instead') })]);
  });

  it('rate limiting on without a table counts in memory, per instance; not a number stops the Lambda', async () => {
    expect(await codes('in-memory', { SENTINEL_RATE_LIMIT_REQUESTS: '50' })).toEqual([expect.objectContaining({ code: 'rate-limit-in-memory', fix: expect.stringContaining('set SENTINEL_RATE_LIMIT_TABLE=sentinel-ratelimit') })]);
    // Unset means Sentinel's default, 100: still on.
    expect((await codes('in-memory-default', {})).map((x) => x.code)).toEqual(['rate-limit-in-memory']);
    expect((await codes('bad-number', { SENTINEL_RATE_LIMIT_REQUESTS: '1e3' })).map((x) => x.code)).toEqual(['rate-limit-invalid']);
  });

  it('a table that exists only in another region, one that exists nowhere, and one of another kind', async () => {
    const f = await codes('wrong-tables', { SENTINEL_RATE_LIMIT_TABLE: 'rl-west-only', SENTINEL_SESSION_TABLE: 'no-such-table', SENTINEL_APPROVAL_TABLE: 'sentinel-breakglass' });
    expect(f.find((x) => x.variable === 'SENTINEL_RATE_LIMIT_TABLE')).toMatchObject({ code: 'table-other-region', message: expect.stringContaining('the table is in us-west-2, not in eu-west-1') });
    expect(f.find((x) => x.variable === 'SENTINEL_SESSION_TABLE')).toMatchObject({ code: 'table-missing', fix: expect.stringContaining('sentinel-init sessions --region eu-west-1 --table no-such-table --yes') });
    expect(f.find((x) => x.variable === 'SENTINEL_APPROVAL_TABLE')).toMatchObject({ code: 'table-other-kind', message: 'SENTINEL_APPROVAL_TABLE=sentinel-breakglass is not an approvals table: it is a breakglass table.' });
  });
});

describe('doctor says what it could not check', () => {
  it('a role IAM does not know, and variables Lambda would not give: each a finding with the fix (exit 1)', async () => {
    lambda.put({ name: 'ghost-role', region: REGION, account: ACCOUNT, role: role('deleted-role'), variables: { ...DEPLOYED_ENV, SENTINEL_RATE_LIMIT_REQUESTS: '0' } });
    const ghost = await cli(['doctor', '--function', 'ghost-role', '--region', REGION, '--json']);
    expect(ghost.code).toBe(1);
    expect(findings(ghost)).toEqual([expect.objectContaining({ code: 'unchecked', message: expect.stringContaining('NoSuchEntity'), fix: expect.stringContaining('iam:SimulatePrincipalPolicy') })]);
    lambda.put({ name: 'sealed', region: REGION, account: ACCOUNT, role: CDK_ROLE, envError: { ErrorCode: 'AccessDeniedException', Message: 'Lambda was unable to decrypt the environment variables.' } });
    const sealed = await cli(['doctor', '--function', 'sealed', '--region', REGION]);
    expect(sealed.code).toBe(1);
    expect(sealed.stdout).toContain("✗ Lambda did not give the function's environment variables (AccessDeniedException: Lambda was unable to decrypt the environment variables.). Fix: give the identity running doctor kms:Decrypt");
  });
});

describe('doctor only reads', () => {
  it('refuses what is not a doctor run (exit 2) and names a function that is not there (exit 1)', async () => {
    for (const args of [['doctor'], ['doctor', 'sessions', '--function', 'f'], ['doctor', '--function', 'f', '--yes'], ['sessions', '--function', 'f'], ['doctor', '--function', 'no spaces']]) {
      const run = await cli([...args, '--region', REGION]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
    }
    const missing = await cli(['doctor', '--function', 'nope', '--region', REGION]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Function nope does not exist in eu-west-1.');
  });

  it('made no write call to DynamoDB, Lambda or IAM', () => {
    const added = stack.proxy.operations().filter((op) => stack.proxy.count(op) !== (before[op] ?? 0));
    expect(added).toEqual(['DescribeTable']);
    expect(new Set(lambda.requests().map((r) => r.split(' ')[0]))).toEqual(new Set(['GET']));
    expect(new Set(iam.actions())).toEqual(new Set(['SimulatePrincipalPolicy']));
  });
});
