import { describe, expect, it } from 'vitest';
import { asksDetailedExitcode, helpText, parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/core/errors.js';
import { usageError } from './usage-error.js';

function usageMessage(argv: string[]): string {
  const e = usageError(argv);
  return `${e.message} ${e.hint ?? ''}`;
}

describe('parseArgs', () => {
  it('defaults to sessions, deletion protection on, nothing else set', () => {
    const o = parseArgs([]);
    expect(o).toMatchObject({ kind: 'sessions', kindGiven: false, plan: false, yes: false, json: false, deletionProtection: true, pitr: true, tags: [], local: false });
    expect(o.kmsKey).toBeUndefined();
    expect(o.table).toBeUndefined();
    expect(o.profile).toBeUndefined();
  });

  it('reads KIND and every flag, in both --flag value and --flag=value forms', () => {
    const o = parseArgs([
      'approvals', '--table', 'my.table', '--region=eu-west-1', '--aws-profile', 'ops', '-y', '--generate-iam',
      '--account-id=123456789012', '--mfa-code', '123456', '--json', '--endpoint-url', 'http://localhost:8000',
      '--no-deletion-protection', '--no-pitr', '--tag', 'team=platform', '--tag=cost centre=4:2/x', '--local', '-h', '-V',
    ]);
    expect(o).toEqual({
      command: 'provision', verify: false, detailedExitcode: false, allowUnknownRegion: false, timeoutMs: undefined,
      kind: 'approvals', kindGiven: true, table: 'my.table', region: 'eu-west-1', profile: 'ops', profileSource: '--aws-profile',
      plan: false, yes: true, generateIam: true, accountId: '123456789012', mfaCode: '123456', json: true,
      endpointUrl: 'http://localhost:8000', deletionProtection: false, pitr: false,
      tags: [{ key: 'team', value: 'platform' }, { key: 'cost centre', value: '4:2/x' }], kmsKey: undefined, local: true, help: true, helpTopic: 'approvals', version: true,
    });
  });

  it('reads `verify [KIND]` as the verify command, and --verify on a change', () => {
    expect(parseArgs(['verify', 'breakglass', '--table', 'bg-1'])).toMatchObject({ command: 'verify', kind: 'breakglass', kindGiven: true, table: 'bg-1' });
    expect(parseArgs(['verify'])).toMatchObject({ command: 'verify', kind: 'sessions', kindGiven: false });
    expect(parseArgs(['approvals', '--yes', '--verify'])).toMatchObject({ command: 'provision', verify: true, yes: true });
    expect(usageMessage(['sessions', 'verify'])).toMatch(/^Unknown kind "verify"|only one KIND/);
    expect(usageMessage(['verify', '--plan'])).toMatch(/^verify runs Sentinel's access patterns on an existing table; it takes no --plan\./);
    expect(usageMessage(['--plan', '--verify'])).toMatch(/^--verify runs after a change is applied/);
    // --clean removes verify's probe items: it goes with verify only.
    expect(parseArgs(['verify', 'ratelimit', '--clean'])).toMatchObject({ command: 'verify', kind: 'ratelimit', clean: true });
    expect(parseArgs(['verify', 'ratelimit']).clean).toBeUndefined();
    expect(usageMessage(['sessions', '--yes', '--clean'])).toMatch(/^--clean goes with verify: `sentinel-init verify KIND --clean` removes the probe items/);
  });

  it('reads --timeout as a duration and --detailed-exitcode with --plan only', () => {
    expect(parseArgs(['--yes', '--timeout', '45m']).timeoutMs).toBe(45 * 60_000);
    expect(parseArgs(['--yes', '--timeout=1h30m']).timeoutMs).toBe(90 * 60_000);
    expect(parseArgs(['--plan', '--detailed-exitcode']).detailedExitcode).toBe(true);
    expect(usageMessage(['--yes', '--timeout', '45'])).toMatch(/^--timeout "45" is not a duration such as 90s, 45m, 1h or 1h30m\. Check --timeout\./);
    expect(usageMessage(['--yes', '--timeout', '0s'])).toMatch(/is zero/);
    expect(usageMessage(['--yes', '--detailed-exitcode'])).toMatch(/^--detailed-exitcode goes with --plan/);
  });

  it('accepts --profile as an alias and flags before the kind', () => {
    const o = parseArgs(['--profile=dev', '--yes', 'breakglass']);
    expect(o).toMatchObject({ kind: 'breakglass', profile: 'dev', profileSource: '--aws-profile', yes: true });
  });

  it('refuses unknown flags, kinds, a second positional and missing values, pointing at --help', () => {
    expect(usageMessage(['--tabel', 'x'])).toBe('Unknown flag --tabel. Did you mean --table? ');
    expect(usageMessage(['--frobnicate', 'x'])).toBe('Unknown flag --frobnicate. Run sentinel-init --help for usage.');
    expect(usageMessage(['session'])).toMatch(/^Unknown kind "session"\. Did you mean sessions\?/);
    expect(usageMessage(['tables'])).toMatch(/^Unknown kind "tables": use sessions, approvals, breakglass, ratelimit or all\. Run sentinel-init --help/);
    expect(usageMessage(['sessions', 'approvals'])).toMatch(/only one KIND/);
    expect(usageMessage(['--table'])).toMatch(/^--table needs a value\./);
    expect(usageMessage(['--table', '--yes'])).toMatch(/^--table needs a value\./);
    expect(usageMessage(['--region='])).toMatch(/^--region needs a value\./);
    expect(usageMessage(['--yes=no'])).toMatch(/^--yes takes no value/);
  });

  it('validates values as it reads them, naming the rule and the flag', () => {
    expect(usageMessage(['--table', 'ab'])).toMatch(/too short.*Check --table\./);
    expect(usageMessage(['--table', 'a b c'])).toMatch(/contains a space/);
    expect(usageMessage(['--region', 'eu-west'])).toMatch(/Region "eu-west" is not a region name/);
    expect(usageMessage(['--account-id', '1234'])).toMatch(/not 12 digits/);
    expect(usageMessage(['--endpoint-url', 'localhost:8000'])).toMatch(/must start with http/);
    expect(usageMessage(['--mfa-code', '12'])).toMatch(/6 digits/);
  });

  it('reads --tag KEY=VALUE as often as given (a later value of a key wins), and refuses tags DynamoDB refuses', () => {
    expect(parseArgs(['--tag', 'env=', '--tag', 'team=a', '--tag', 'team=b=c']).tags).toEqual([{ key: 'env', value: '' }, { key: 'team', value: 'b=c' }]);
    expect(usageMessage(['--tag', 'team'])).toBe('Tag "team" has no "=": write KEY=VALUE, e.g. team=platform. Check --tag.');
    expect(usageMessage(['--tag', '=x'])).toMatch(/^Tag key is empty/);
    expect(usageMessage(['--tag', 'owner=me@example.com'])).toMatch(/^The value of tag owner contains "@": DynamoDB allows letters, digits, spaces and \+ - = \. _ : \/ only\. Check --tag\./);
    expect(usageMessage(['--tag', 'a;b=1'])).toMatch(/^Tag key "a;b" contains ";"/);
    expect(usageMessage(['--tag', 'aws:owner=x'])).toMatch(/starts with "aws:", which AWS reserves/);
    expect(usageMessage(['--tag', 'managed-by=terraform'])).toMatch(/^Tag managed-by is set by sentinel-init itself/);
    expect(usageMessage(['--tag', `${'k'.repeat(129)}=v`])).toMatch(/is 129 characters long: DynamoDB allows 128/);
    expect(usageMessage(['--tag', `k=${'v'.repeat(257)}`])).toMatch(/is 257 characters long: DynamoDB allows 256/);
    // 128 Unicode characters, not bytes: accented letters are letters.
    expect(parseArgs(['--tag', `${'é'.repeat(128)}=ü`]).tags).toHaveLength(1);
    const many = Array.from({ length: 49 }, (_, i) => ['--tag', `k${i}=v`]).flat();
    expect(usageMessage(many)).toMatch(/^49 --tag flags and the tool's 2 tags make more than the 50 tags DynamoDB allows/);
  });

  it('reads --kms-key in its four forms and refuses anything else, and the AWS managed key', () => {
    for (const key of ['arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'arn:aws-cn:kms:cn-north-1:123456789012:alias/sentinel', 'alias/sentinel-tables', '1234abcd-12ab-34cd-56ef-1234567890ab', 'mrk-1234abcd12ab34cd56ef1234567890ab']) {
      expect(parseArgs(['--kms-key', key]).kmsKey).toBe(key);
    }
    expect(usageMessage(['--kms-key', 'sentinel'])).toMatch(/^KMS key "sentinel" is not a key ARN, alias ARN, alias\/NAME or key ID/);
    expect(usageMessage(['--kms-key', 'arn:aws:s3:::bucket'])).toMatch(/is not a key ARN/);
    expect(usageMessage(['--kms-key', 'alias/aws/dynamodb'])).toMatch(/^alias\/aws\/dynamodb is the AWS managed key, which is what a table gets without --kms-key/);
    expect(usageMessage(['--kms-key', 'alias/sentinel', '--local'])).toMatch(/the local demo \(--local\) has none/);
  });

  it('reads --output, --output-file and --force, and refuses what --output cannot go with', () => {
    expect(parseArgs(['ratelimit', '--output', 'cloudformation', '--output-file', 'a.yaml', '--force'])).toMatchObject({ output: 'cloudformation', outputFile: 'a.yaml', force: true });
    expect(parseArgs(['--output=cloudformation-import']).output).toBe('cloudformation-import');
    expect(usageMessage(['--output', 'json'])).toBe('--output prints code (terraform, cloudformation, cloudformation-import); for JSON use --json. Check --output.');
    expect(usageMessage(['--output', 'yaml'])).toBe('Unknown output "yaml": use terraform, cloudformation, cloudformation-import. Check --output.');
    for (const flag of ['--yes', '--plan', '--json', '--generate-iam', '--local']) {
      expect(usageMessage(['--output', 'terraform', flag])).toMatch(new RegExp(`^--output prints code and changes nothing: it cannot go with ${flag}\\.`));
    }
    expect(usageMessage(['--output', 'terraform', '-y'])).toMatch(/cannot go with --yes\./);
    expect(usageMessage(['--output-file', 'a.tf'])).toMatch(/^--output-file goes with --output/);
    expect(usageMessage(['--output', 'terraform', '--force'])).toMatch(/^--force lets --output-file replace a file: it goes with --output-file\./);
    expect(usageMessage(['verify', '--output', 'terraform'])).toMatch(/it takes no --output\./);
  });

  it('verify takes none of the provisioning settings', () => {
    expect(usageMessage(['verify', '--no-pitr'])).toMatch(/it takes no --no-pitr\./);
    expect(usageMessage(['verify', '--tag', 'a=b'])).toMatch(/it takes no --tag\./);
    expect(usageMessage(['verify', '--kms-key', 'alias/x'])).toMatch(/it takes no --kms-key\./);
    expect(parseArgs(['approvals', '--yes', '--allow-kind-change']).allowKindChange).toBe(true);
    expect(parseArgs(['approvals', '--yes']).allowKindChange).toBeUndefined();
    expect(usageMessage(['verify', '--allow-kind-change'])).toMatch(/it takes no --allow-kind-change\./);
  });
});

describe('asksDetailedExitcode (read before parsing, which may fail first)', () => {
  it('finds the flag anywhere before `--`, also after a flag parsing refuses', () => {
    expect(asksDetailedExitcode(['--bogus', '--plan', '--detailed-exitcode'])).toBe(true);
    expect(asksDetailedExitcode(['--detailed-exitcode', '--region', 'eu-wst-1'])).toBe(true);
    expect(asksDetailedExitcode(['--plan', '--region', 'eu-west-1'])).toBe(false);
    expect(asksDetailedExitcode(['--plan', '--', '--detailed-exitcode'])).toBe(false);
  });
});

describe('helpText', () => {
  const text = helpText('9.9.9');
  it('fits in 80 columns', () => {
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
  it('names every flag, kind with its default table, and the exit codes', () => {
    for (const flag of ['--table', '--region', '--aws-profile', '--profile', '--plan', '--yes', '-y', '--generate-iam', '--account-id', '--mfa-code', '--json', '--endpoint-url', '--no-deletion-protection', '--no-pitr', '--tag', '--kms-key', '--output', '--output-file', '--force', '--allow-kind-change', '--local', '--no-input', '--help', '--version']) {
      expect(text).toContain(flag);
    }
    for (const t of ['sentinel-sessions', 'sentinel-requests', 'sentinel-breakglass', 'sentinel-ratelimit', '130']) expect(text).toContain(t);
    expect(text).toMatch(/^sentinel-init 9\.9\.9/);
  });

  it('a value that starts with "-" is read as the value: --timeout -5m is refused as negative, --output-file - with its own reason', () => {
    expect(usageMessage(['--yes', '--timeout', '-5m'])).toMatch(/^--timeout "-5m" is negative: give a duration such as 90s, 45m, 1h or 1h30m\./);
    expect(usageMessage(['--output', 'terraform', '--output-file', '-'])).toMatch(/^--output-file - is not a file: leave --output-file out and the code goes to standard output\./);
    // A following flag is still a forgotten value.
    expect(usageMessage(['--table', '--yes'])).toMatch(/^--table needs a value\./);
    expect(usageMessage(['--timeout', '--region=eu-west-1'])).toMatch(/^--timeout needs a value\./);
    expect(usageMessage(['--table', '-y'])).toMatch(/^--table needs a value\./);
  });

  it('one duration grammar: spaces between a number and its unit or between parts are both accepted', () => {
    expect(parseArgs(['--yes', '--timeout', '5 m']).timeoutMs).toBe(5 * 60_000);
    expect(parseArgs(['--yes', '--timeout', '1h 30m']).timeoutMs).toBe(90 * 60_000);
    expect(parseArgs(['--yes', '--timeout', '1 h 30 m']).timeoutMs).toBe(90 * 60_000);
    expect(usageMessage(['--yes', '--timeout', '5 x'])).toMatch(/is not a duration/);
    expect(usageMessage(['--yes', '--timeout', '0m'])).toMatch(/^--timeout "0m" is zero: give a duration such as 90s, 45m, 1h or 1h30m\./);
  });

  it('--output or --output-file given twice is refused (exit 2), not the last one silently taken', () => {
    expect(usageMessage(['--output', 'terraform', '--output', 'cloudformation'])).toMatch(/^--output was given twice \("terraform", then "cloudformation"\): give it once\./);
    expect(usageMessage(['--output', 'terraform', '--output-file', 'a.tf', '--output-file=b.tf'])).toMatch(/^--output-file was given twice \("a.tf", then "b.tf"\): give it once\./);
  });
});
