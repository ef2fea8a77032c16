/**
 * The next steps name only what Sentinel reads. The lists below are read from Sentinel's source
 * (mateoblack/sentinel b6142c9e), each with its file and line, independently of src/core/kinds.ts;
 * every variable and flag the tool prints after an apply, in any face, must be in its kind's list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { KIND_NAMES, KINDS, type KindName } from '../../src/core/kinds.js';
import type { ApplyResult } from '../../src/engine/types.js';
import { deployText, resultDocument, resultText } from '../../src/headless/format.js';
import { DoneScreen } from '../../src/screens/DoneScreen.js';
import { wiringFor } from '../../src/service/wiring.js';

interface Read {
  consumer: string;
  kind: 'env' | 'flag';
  name: string;
  /** For a flag: each command that takes it, with where it is registered and where the flag is. */
  commands?: Record<string, string>;
  at: string;
}

const tvm = (name: string, at: string): Read => ({ consumer: 'Lambda TVM', kind: 'env', name, at });

const READ_BY_SENTINEL: Record<KindName, Read[]> = {
  sessions: [
    // os.Getenv(EnvSessionTable) → session.NewDynamoDBStore
    tvm('SENTINEL_SESSION_TABLE', 'lambda/config.go:35,200,274-276'),
    // NewAuthorizerFromEnv: os.Getenv(EnvAuthorizerSessionTable)
    { consumer: 'Lambda authorizer', kind: 'env', name: 'SENTINEL_SESSION_TABLE', at: 'lambda/authorizer.go:20,55-59' },
    {
      consumer: 'sentinel CLI',
      kind: 'flag',
      name: '--table',
      at: 'registered in cmd/sentinel/main.go:45-46,60-66',
      commands: {
        'server-sessions': 'cli/sentinel_server.go:63,69',
        'server-session': 'cli/sentinel_server.go:314,324',
        'server-revoke': 'cli/sentinel_server.go:461,475',
        'device-sessions': 'cli/device_sessions.go:57,67',
        devices: 'cli/device_sessions.go:253,259',
        'audit session-compliance': 'cli/audit_compliance.go:46,59',
        'audit untracked-sessions': 'cli/audit_untracked.go:45,58',
      },
    },
  ],
  approvals: [
    // os.Getenv(EnvApprovalTable) → request.NewDynamoDBStore. Not SENTINEL_REQUEST_TABLE: its only
    // occurrence is advice printed by `init approvals` (cli/init_approvals.go:234).
    tvm('SENTINEL_APPROVAL_TABLE', 'lambda/config.go:33,266-268'),
    {
      consumer: 'sentinel CLI',
      kind: 'flag',
      name: '--request-table',
      at: 'registered in cmd/sentinel/main.go:19-23',
      commands: { request: 'cli/request.go:63,77', list: 'cli/sentinel_list.go:55,70', check: 'cli/check.go:47,53', approve: 'cli/approve.go:64,73', deny: 'cli/deny.go:59,68' },
    },
  ],
  breakglass: [
    tvm('SENTINEL_BREAKGLASS_TABLE', 'lambda/config.go:34,270-272'),
    {
      consumer: 'sentinel CLI',
      kind: 'flag',
      name: '--breakglass-table',
      at: 'registered in cmd/sentinel/main.go:26-29',
      commands: {
        breakglass: 'cli/breakglass.go:84,102',
        'breakglass-list': 'cli/breakglass_list.go:56,71',
        'breakglass-check': 'cli/breakglass_check.go:49,55',
        'breakglass-close': 'cli/breakglass_close.go:59,69',
      },
    },
  ],
  ratelimit: [
    // Read only inside `if rateLimitRequests > 0`; nothing reads the rate-limit table name from a flag.
    tvm('SENTINEL_RATE_LIMIT_TABLE', 'lambda/config.go:69,359-363'),
  ],
};

/** Names Sentinel reads that a next step may mention as a condition, without naming the table. */
const ALSO_READ: Record<KindName, string[]> = {
  sessions: [],
  approvals: [],
  breakglass: [],
  // EnvRateLimitRequests, default 100, 0 disables.
  ratelimit: ['SENTINEL_RATE_LIMIT_REQUESTS'], // lambda/config.go:47,82-83,340-347
};

const result = (kind: KindName): ApplyResult => ({ kind, table: `t-${kind}`, region: 'eu-west-1', status: 'created', tableArn: `arn:aws:dynamodb:eu-west-1:123456789012:table/t-${kind}` });

/**
 * The input of each of Sentinel's deploy tools that sets the Lambda TVM's variable, read from
 * cdk/sentinel-tvm and terraform/sentinel-tvm; none for the rate-limit table (neither has one).
 */
const DEPLOY_INPUTS: Record<string, { cdk: string; terraform: string; at: string }> = {
  // tryGetContext('sessionTable') || env → props.sessionTable → environment (lib/sentinel-tvm-stack.ts:165-167);
  // var.session_table → SENTINEL_SESSION_TABLE (main.tf:31-33).
  SENTINEL_SESSION_TABLE: { cdk: 'sessionTable', terraform: 'session_table', at: 'cdk/sentinel-tvm/bin/sentinel-tvm.ts:20-21; terraform/sentinel-tvm/variables.tf:26-30' },
  SENTINEL_APPROVAL_TABLE: { cdk: 'approvalTable', terraform: 'approval_table', at: 'cdk/sentinel-tvm/bin/sentinel-tvm.ts:23-24; terraform/sentinel-tvm/variables.tf:32-36' },
  SENTINEL_BREAKGLASS_TABLE: { cdk: 'breakglassTable', terraform: 'breakglass_table', at: 'cdk/sentinel-tvm/bin/sentinel-tvm.ts:26-27; terraform/sentinel-tvm/variables.tf:38-42' },
};

/** The done screen's lines with the folded ones joined again (a fold continues 6 columns in). */
const unfolded = (frame: string) => frame.replace(/ *\n {6,}/g, ' ');

/** Everything the tool prints after an apply of this kind: headless text, --json, the wizard's done screen. */
function printed(kind: KindName): string {
  const r = result(kind);
  const frame = render(<DoneScreen results={[r]} rows={[]} local={false} verifyLines={[]} height={60} width={100} onVerify={() => {}} onStopVerify={() => {}} onFinish={() => {}} />);
  const text = [resultText(r), deployText([r]), JSON.stringify(resultDocument(r)), unfolded(frame.lastFrame() ?? '')].join('\n');
  frame.unmount();
  return text;
}

const envNames = (text: string) => new Set(text.match(/\bSENTINEL_[A-Z_]+\b/g) ?? []);
// sentinel-init's own commands (the runtime policy's, doctor's) are this tool's flags, not Sentinel's.
const flagNames = (text: string) => new Set(text.replace(/sentinel-init [^`\n"]*/g, '').match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []);

describe('next steps name only what Sentinel reads', () => {
  for (const kind of KIND_NAMES) {
    it(`${kind}: every consumer, variable, flag and command is one Sentinel's source has`, () => {
      const allowed = READ_BY_SENTINEL[kind];
      for (const w of KINDS[kind].wiring) {
        const read = allowed.find((r) => r.consumer === w.consumer && r.kind === w.kind && r.name === w.name);
        expect(read, `${w.consumer} ${w.name}`).toBeDefined();
        expect(w.commands ?? [], `${w.name} commands`).toEqual(Object.keys(read?.commands ?? {}));
      }
      // And nothing Sentinel reads for this table is left out.
      expect(KINDS[kind].wiring.map((w) => `${w.consumer} ${w.name}`)).toEqual(allowed.map((r) => `${r.consumer} ${r.name}`));
    });

    it(`${kind}: the text, the JSON and the done screen print no other variable or flag`, () => {
      const text = printed(kind);
      const names = new Set([...READ_BY_SENTINEL[kind].map((r) => r.name), ...ALSO_READ[kind]]);
      for (const env of envNames(text)) expect(names, env).toContain(env);
      for (const flag of flagNames(text)) expect(names, flag).toContain(flag);
      for (const read of READ_BY_SENTINEL[kind]) expect(text).toContain(read.name);
    });
  }

  for (const kind of KIND_NAMES) {
    it(`${kind}: the deploy tools' inputs are the ones Sentinel's CDK stack and Terraform module read`, () => {
      const tvm = KINDS[kind].wiring.filter((w) => w.consumer === 'Lambda TVM');
      for (const w of tvm) expect(w.deploy, w.name).toEqual(DEPLOY_INPUTS[w.name] && { cdk: DEPLOY_INPUTS[w.name]?.cdk, terraform: DEPLOY_INPUTS[w.name]?.terraform });
      const text = printed(kind);
      for (const w of tvm.filter((x) => x.deploy)) {
        expect(text).toContain(`-c ${w.deploy?.cdk}=t-${kind}`);
        expect(text).toMatch(new RegExp(`${w.deploy?.terraform} += "t-${kind}"`));
      }
      // The rate-limit table has no input in either tool: the next steps say to set it by hand.
      if (kind === 'ratelimit') expect(text).toContain('set SENTINEL_RATE_LIMIT_TABLE=t-ratelimit on the function by hand');
    });
  }

  it('approvals name SENTINEL_APPROVAL_TABLE and --request-table; SENTINEL_REQUEST_TABLE is printed by nothing', () => {
    const text = printed('approvals');
    expect(text).toContain(`SENTINEL_APPROVAL_TABLE=t-approvals`);
    expect(text).toContain('--request-table t-approvals');
    for (const kind of KIND_NAMES) expect(printed(kind)).not.toContain('SENTINEL_REQUEST_TABLE');
    // Nor is it in any code (comments aside: they may say why it is not printed), so no other message
    // can print it; except doctor's one constant, which finds it set on a function and says to replace it.
    const code = (f: string) => readFileSync(join('src', f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    const files = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) {
      const text = f === join('doctor', 'environment.ts') ? code(f).replace("export const UNREAD_APPROVALS_VARIABLE = 'SENTINEL_REQUEST_TABLE';", '') : code(f);
      expect(text, f).not.toContain('SENTINEL_REQUEST_TABLE');
    }
  });
});

describe("the deploy steps' doctor command", () => {
  const r: ApplyResult = { kind: 'approvals', table: 'sentinel-requests', region: 'eu-west-1', status: 'created', tableArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/sentinel-requests' };
  const doctorLine = (text: string) => text.split('\n').find((l) => l.includes('Then check the deployed function'));

  it("goes where the run went: the run's profile and endpoint, then the region", () => {
    expect(doctorLine(deployText([r], { target: { profile: 'dev', endpointUrl: 'http://127.0.0.1:8400' } }))).toBe(
      '  Then check the deployed function: sentinel-init doctor --function sentinel-tvm --aws-profile dev --endpoint-url http://127.0.0.1:8400 --region eu-west-1',
    );
    expect(doctorLine(deployText([r]))).toBe('  Then check the deployed function: sentinel-init doctor --function sentinel-tvm --region eu-west-1');
  });

  it('the done screen gives the same command, with the wizard\'s profile', () => {
    const frame = render(<DoneScreen results={[r]} rows={[]} local={false} verifyLines={[]} height={80} width={100} doctorTarget={{ profile: 'corp' }} onVerify={() => {}} onStopVerify={() => {}} onFinish={() => {}} />);
    expect(frame.lastFrame()?.replace(/\s+/g, ' ')).toContain('sentinel-init doctor --function sentinel-tvm --aws-profile corp --region eu-west-1');
    frame.unmount();
  });
});
